(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("is-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  // Buttons that go back (no inline handlers: the Content-Security-Policy runs no
  // inline script). Print buttons ([data-print]) are handled below.
  document.querySelectorAll("[data-back]").forEach(function (el) {
    el.addEventListener("click", function (event) {
      event.preventDefault();
      window.history.back();
    });
  });
  // Oscar's dashboard.js puts an unlabelled "select all" box in a table's first header
  // cell once the page is ready; name it after that cell's (visually hidden) text.
  window.addEventListener("load", function () {
    document.querySelectorAll('th input[name="select_all"]').forEach(function (box) {
      var text = box.closest("th").textContent.trim();
      if (text && !box.labels.length) {
        box.setAttribute("aria-label", text);
      }
    });
  });
})();
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
})();
