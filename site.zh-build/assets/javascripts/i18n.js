// The language switcher (Material's extra.alternate) keeps the reader on the same page and #anchor.
// Material's own "stay on page" cannot: the Chinese root (/…/zh/) lies inside the English one.
// A click on an alternate link swaps the language prefix of the current address instead.
(() => {
  const swap = (link) => {
    const here = window.location;
    const target = new URL(link.href, here.href);
    const roots = [...document.querySelectorAll(".md-select__link[hreflang]")]
      .map((a) => new URL(a.href, here.href).pathname)
      .sort((a, b) => b.length - a.length); // the longest root first: /…/zh/ before /…/
    const current = roots.find((root) => here.pathname.startsWith(root));
    if (current === undefined) return null;
    const rest = here.pathname.slice(current.length);
    return target.pathname + rest + here.search + here.hash;
  };
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
      if (!link) return;
      const address = swap(link);
      if (address === null) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      window.location.assign(address);
    },
    true, // capture: before Material's instant navigation sees the click
  );
})();
