/* Countdown to an order's deadline (templates/shop/partials/deadline.html). The page
   already states the deadline itself; this only adds the time left, every 30 s. */
(function () {
  "use strict";

  function render(element) {
    var deadline = Date.parse(element.getAttribute("datetime"));
    if (isNaN(deadline)) {
      return;
    }
    var left = deadline - Date.now();
    if (left <= 0) {
      element.textContent = element.getAttribute("data-text-over");
      return;
    }
    var minutes = Math.floor(left / 60000);
    element.textContent = element
      .getAttribute("data-text-left")
      .replace("{hours}", String(Math.floor(minutes / 60)))
      .replace("{minutes}", String(minutes % 60));
  }

  function tick() {
    var elements = document.querySelectorAll("time[data-countdown]");
    for (var i = 0; i < elements.length; i += 1) {
      render(elements[i]);
    }
  }

  if (!window.slcCountdownStarted) {
    window.slcCountdownStarted = true;
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", tick);
    } else {
      tick();
    }
    window.setInterval(tick, 30000);
  }
})();
