// Material's search fetches search/search_index.json (the text of the whole site) as soon as a page
// loads, so every first visit paid for it whether the reader searched or not, and the cost grows
// with every page. This script, loaded before Material's bundle, holds that one request back until
// the reader reaches for search (focuses or clicks the search box, or presses one of Material's
// search keys: "/", "s", "f"); then the index arrives and search works as before.
(function () {
  var wanted = false;
  var waiting = [];
  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  // Material requests the index with XMLHttpRequest: hold back send() for that URL only.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.__searchIndex && !wanted) {
      waiting.push(function () { send.apply(xhr, args); });
      return;
    }
    return send.apply(xhr, args);
  };
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.closest && e.target.closest(".md-search")) want();
  });
  document.addEventListener("click", function (e) {
    if (e.target && e.target.closest && e.target.closest(".md-search, label[for=__search]")) want();
  });
  document.addEventListener("keydown", function (e) {
    if (["/", "s", "f", "S", "F"].indexOf(e.key) >= 0) want();
  }, true);
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search") want();
  });
})();
