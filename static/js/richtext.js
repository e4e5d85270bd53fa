/* A small rich-text editor for textareas marked data-richtext (no dependency, no CDN).
 *
 * Bold, italic, bulleted and numbered lists, links, headings; what it writes back into
 * the textarea is cut down in the browser to the subset the server keeps
 * (core/sanitize.py: p br strong em ul ol li h2 h3 a[href]), and the server
 * sanitises again whatever arrives. Without JavaScript the plain textarea stays.
 */
(function () {
  "use strict";
  var ALLOWED = { P: "p", BR: "br", STRONG: "strong", B: "strong", EM: "em", I: "em", U: "u",
    UL: "ul", OL: "ol", LI: "li", H2: "h2", H3: "h3", BLOCKQUOTE: "blockquote", A: "a" };
  var SAFE_URL = /^(https?:|mailto:|tel:|\/|#)/i;

  function cleanNode(node, out) {
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) { out.appendChild(document.createTextNode(child.nodeValue)); return; }
      if (child.nodeType !== 1) { return; }
      var tag = ALLOWED[child.tagName];
      if (child.tagName === "DIV") { tag = "p"; }
      if (!tag) { cleanNode(child, out); return; }  // keep the text, drop the element
      var copy = document.createElement(tag);
      if (tag === "a") {
        var href = (child.getAttribute("href") || "").trim();
        if (!SAFE_URL.test(href)) { cleanNode(child, out); return; }
        copy.setAttribute("href", href);
      }
      cleanNode(child, copy);
      out.appendChild(copy);
    });
    return out;
  }

  function clean(html) {
    var box = document.createElement("div");
    box.innerHTML = html;
    var out = cleanNode(box, document.createElement("div"));
    return out.innerHTML.replace(/<p><\/p>/g, "").trim();
  }

  function button(label, title, run) {
    var b = document.createElement("button");
    b.type = "button";
    b.innerHTML = label;
    b.title = title;
    b.setAttribute("aria-label", title);
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the selection
    b.addEventListener("click", run);
    return b;
  }

  function enhance(textarea) {
    var labels = JSON.parse(textarea.getAttribute("data-richtext") || "{}");
    var wrapper = document.createElement("div");
    wrapper.className = "richtext";
    var toolbar = document.createElement("div");
    toolbar.className = "richtext__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", labels.toolbar || "Formatting");
    var area = document.createElement("div");
    area.className = "richtext__area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    if (textarea.lang) { area.lang = textarea.lang; }
    if (textarea.id) {
      var label = document.querySelector('label[for="' + textarea.id + '"]');
      if (label) {
        label.id = label.id || textarea.id + "_label";
        area.setAttribute("aria-labelledby", label.id);
        label.addEventListener("click", function () { area.focus(); });
      }
    }
    area.innerHTML = clean(textarea.value) || "<p><br></p>";
    document.execCommand("defaultParagraphSeparator", false, "p");

    function sync() { textarea.value = clean(area.innerHTML); }
    function exec(command, value) {
      return function () { area.focus(); document.execCommand(command, false, value || null); sync(); state(); };
    }
    var buttons = [
      ["<strong>B</strong>", labels.bold || "Bold", exec("bold"), "bold"],
      ["<em>I</em>", labels.italic || "Italic", exec("italic"), "italic"],
      ["H", labels.heading || "Heading", exec("formatBlock", "h3"), null],
      ["¶", labels.paragraph || "Paragraph", exec("formatBlock", "p"), null],
      ["•", labels.bullets || "Bulleted list", exec("insertUnorderedList"), "insertUnorderedList"],
      ["1.", labels.numbers || "Numbered list", exec("insertOrderedList"), "insertOrderedList"],
      ["🔗", labels.link || "Link", function () {
        var url = window.prompt(labels.linkPrompt || "Address (https://…)", "https://");
        if (url && SAFE_URL.test(url.trim())) { exec("createLink", url.trim())(); }
      }, null],
      ["⨯🔗", labels.unlink || "Remove link", exec("unlink"), null]
    ];
    var stateful = [];
    buttons.forEach(function (spec) {
      var b = button(spec[0], spec[1], spec[2]);
      if (spec[3]) { stateful.push([b, spec[3]]); }
      toolbar.appendChild(b);
    });
    function state() {
      stateful.forEach(function (pair) {
        var on = false;
        try { on = document.queryCommandState(pair[1]); } catch (e) { on = false; }
        pair[0].setAttribute("aria-pressed", on ? "true" : "false");
      });
    }
    area.addEventListener("input", sync);
    area.addEventListener("keyup", state);
    area.addEventListener("mouseup", state);
    area.addEventListener("paste", function (e) {
      var data = e.clipboardData;
      if (!data) { return; }
      e.preventDefault();
      var html = data.getData("text/html");
      if (html) {
        document.execCommand("insertHTML", false, clean(html));
      } else {
        document.execCommand("insertText", false, data.getData("text/plain"));
      }
      sync();
    });
    if (textarea.form) { textarea.form.addEventListener("submit", sync); }

    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);
    wrapper.appendChild(textarea);
    textarea.classList.add("richtext__source");
    textarea.setAttribute("aria-hidden", "true");
    textarea.tabIndex = -1;
    sync();
  }

  function init() {
    document.querySelectorAll("textarea[data-richtext]:not(.richtext__source)").forEach(enhance);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  window.SamRichText = { clean: clean };
})();
