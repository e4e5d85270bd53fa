() => {
  // What sticks out of a phone-wide page: the page's own horizontal overflow, and links
  // or buttons cut off at the right edge (outside a scrolling container).
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (["auto", "scroll"].includes(style.overflowX)) return true;
    }
    return false;
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return style.visibility !== "hidden" && style.display !== "none" && rect.width > 0 && rect.height > 0;
  };
  const describe = (el) => {
    const rect = el.getBoundingClientRect();
    const name = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} "${name}" right=${Math.round(rect.right)}`;
  };
  const cut = [];
  for (const el of document.querySelectorAll("a, button, input, select, textarea")) {
    if (!visible(el) || scrolls(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.right > width + 1 && rect.left < width) cut.push(describe(el));
  }
  const wide = [];
  if (document.documentElement.scrollWidth > width + 1) {
    for (const el of document.body.querySelectorAll("*")) {
      if (!visible(el) || scrolls(el)) continue;
      if (el.getBoundingClientRect().right > width + 1) wide.push(describe(el));
      if (wide.length > 6) break;
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, cut: cut.slice(0, 8), wide};
}
