// Loaded before Material's bundle: what Material fetches on every load but a reader may never use
// is fetched only when wanted, or once.
//
// 1. Search. Material starts its search worker (~40 KB of script) and fetches search/search_index.json
//    (the text of the whole site) as soon as a page loads. Both wait until the reader reaches for
//    search (points at the search box or its icon, focuses or clicks it, or presses one of
//    Material's search keys: "/", "s", "f"); then the worker starts, the index arrives, and search
//    works as before. Pointing is enough: the index is on its way while the reader clicks and
//    types, so the first query does not wait for all of it on a slow connection or machine.
// 2. sitemap.xml. Instant navigation fetches this language's sitemap.xml, and Material's language
//    selector fetches the sitemap.xml of every <link rel="alternate"> (both languages) to map a page
//    to its translation: this language's sitemap a second time, and the other one's. The switcher
//    never uses them: assets/javascripts/i18n.js takes the click first and keeps page and #anchor
//    itself. So this language's sitemap is fetched once and shared by both requests, and the other
//    language's is not fetched.
(function () {
  var wanted = false;
  var waiting = [];
  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  // The search worker: a stand-in that queues what Material posts until search is wanted, then
  // starts the real worker and passes messages both ways.
  var RealWorker = window.Worker;
  function LateWorker(url, options) {
    var self = new EventTarget();
    var queue = [];
    var real = null;
    self.postMessage = function (data) { real ? real.postMessage(data) : queue.push(data); };
    self.terminate = function () { real ? real.terminate() : (queue = null); };
    waiting.push(function () {
      if (queue === null) return;
      real = new RealWorker(url, options);
      ["message", "messageerror", "error"].forEach(function (type) {
        real.addEventListener(type, function (e) {
          self.dispatchEvent(type === "error" ? new ErrorEvent("error", e) : new MessageEvent(type, {data: e.data}));
        });
      });
      queue.splice(0).forEach(function (data) { real.postMessage(data); });
    });
    return self;
  }
  window.Worker = function (url, options) {
    if (!wanted && /\/workers\/search\.[^/]*\.js(\?|$)/.test(String(url))) return LateWorker(url, options);
    return new RealWorker(url, options);
  };
  window.Worker.prototype = RealWorker.prototype;

  // Material requests the index and sitemaps with XMLHttpRequest.
  var config = null;
  function sitemapHere() {
    if (config === null) {
      var el = document.getElementById("__config");
      config = el ? JSON.parse(el.textContent) : {base: "."};
    }
    return new URL("sitemap.xml", new URL(config.base + "/", location.href)).href;
  }
  var sitemaps = {}; // url -> the request that fetches it
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var href = new URL(String(url), location.href).href;
    this.__searchIndex = /\/search\/search_index\.json(\?|$)/.test(href);
    this.__sitemap = /\/sitemap\.xml$/.test(href) ? href : null;
    return open.apply(this, arguments);
  };
  // A second request for a sitemap already asked for gets the first one's answer.
  function share(xhr, first) {
    function answer() {
      ["status", "statusText", "response", "responseType", "readyState"].forEach(function (key) {
        Object.defineProperty(xhr, key, {configurable: true, value: first[key]});
      });
      xhr.dispatchEvent(new ProgressEvent(first.status ? "load" : "error"));
      xhr.dispatchEvent(new ProgressEvent("loadend"));
    }
    if (first.readyState === 4) setTimeout(answer);
    else first.addEventListener("loadend", answer);
  }
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.__searchIndex && !wanted) {
      waiting.push(function () { send.apply(xhr, args); });
      return;
    }
    if (xhr.__sitemap) {
      if (xhr.__sitemap !== sitemapHere()) return; // the other language's: unused (see above)
      if (sitemaps[xhr.__sitemap]) return share(xhr, sitemaps[xhr.__sitemap]);
      sitemaps[xhr.__sitemap] = xhr;
    }
    return send.apply(xhr, args);
  };

  document.addEventListener("pointerover", function (e) {  // mouse hover, pen, or a touch
    if (e.target && e.target.closest && e.target.closest(".md-search, label[for=__search]")) want();
  });
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
