// Web workers for pages opened from disk (file://), where Chromium refuses `new Worker(file URL)`:
// the worker runs in a hidden frame instead. A port of the shim of iframe-worker 1.0.4
// (https://github.com/squidfunk/iframe-worker, MIT licence, (c) Martin Donath), which Material's
// offline plugin would load from a CDN, changed to run under the site's Content-Security-Policy:
// the frame loads two scripts by URL (iframe-worker-frame.js, then the worker) and runs no inline
// script. Loaded only by the offline archive (hooks/offline_archive.py).
(function () {
  "use strict";
  var frameScript = new URL("iframe-worker-frame.js", document.currentScript.src).href;
  var IFrameWorker = function (url) {
    var target = new EventTarget();
    var self = this;
    this.url = String(url);
    this.iframe = document.createElement("iframe");
    this.iframe.hidden = true;
    document.body.appendChild(this.iframe);
    var frame = this.iframe.contentWindow;
    frame.document.open();
    // the worker's script first: Material's search worker finds its folder from the first script
    // of the document; it only sets handlers when loaded, and the frame script runs before any message
    frame.document.write(
      '<html><body><script src="' + this.url + '"></scr' + "ipt>" +
      '<script src="' + frameScript + '" data-worker="' + this.url + '"></scr' + "ipt></body></html>"
    );
    frame.document.close();
    this.ready = new Promise(function (resolve, reject) { frame.onload = resolve; frame.onerror = reject; });
    window.addEventListener("message", function (event) {
      if (event.source !== frame) return;
      var message = new MessageEvent("message", { data: event.data });
      target.dispatchEvent(message);
      if (self.onmessage) self.onmessage(message);
    });
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
  };
  IFrameWorker.prototype.postMessage = function (data) {
    var frame = this.iframe.contentWindow;
    this.ready.then(function () {
      frame.dispatchEvent(new MessageEvent("message", structuredClone({ data: data })));
    });
  };
  IFrameWorker.prototype.terminate = function () { this.iframe.remove(); };
  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
