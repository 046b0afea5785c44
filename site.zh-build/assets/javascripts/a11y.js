// Names for what Material's JavaScript adds without one (axe-core: landmark-unique, link-name).
// - every code block gets a <nav class="md-code__nav"> for its copy button: several unnamed <nav>
//   landmarks on one page; each gets the name of its block;
// - a code annotation's number is an <a class="md-annotation__index"> whose text is drawn by CSS.
// Names in the page's language (<html lang="zh"> on the Chinese edition).
(function () {
  var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
  function name() {
    var navs = [].slice.call(document.querySelectorAll(".md-code__nav"));
    navs.forEach(function (nav, index) {
      if (nav.hasAttribute("aria-label")) return;
      var block = nav.closest(".highlight");
      var title = block && block.querySelector(":scope > .filename");
      var file = title ? title.textContent.trim() : "";
      nav.setAttribute("aria-label", zh
        ? "代码块 " + (index + 1) + (file ? "（" + file + "）" : " ") + "的工具栏"
        : "Code block " + (index + 1) + (file ? " (" + file + ")" : "") + " tools");
    });
    document.querySelectorAll(".md-annotation__index:not([aria-label])").forEach(function (link) {
      var id = link.querySelector("[data-md-annotation-id]");
      link.setAttribute("aria-label",
        (zh ? "注释 " : "Annotation ") + (id ? id.getAttribute("data-md-annotation-id") : ""));
    });
    // a wide table scrolls inside Material's wrapper: reachable by keyboard, with a name
    // (axe-core: scrollable-region-focusable)
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap, i) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", (zh ? "表格 " : "Table ") + (i + 1));
    });
  }
  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true });
  name();
})();
