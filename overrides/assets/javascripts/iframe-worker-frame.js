// Inside the hidden frame of iframe-worker.js: what a worker script expects of its global scope.
(function () {
  "use strict";
  var worker = document.currentScript.getAttribute("data-worker");
  window.postMessage = function (data) { parent.postMessage(data, "*"); };
  window.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (previous, url) {
      return previous.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  window.addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
