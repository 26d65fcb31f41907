/* Runs inside the sandboxed H5P frame (an opaque origin): start the player and
 * pass its scored xAPI statements and its height to the page around it, which
 * sends them to our API. Nothing here decides what a result is worth. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("h5p-config").textContent);
  var container = document.getElementById("h5p-container");

  function tell(message) { window.parent.postMessage(message, config.parentOrigin); }

  function reportHeight() { tell({ type: "munet:h5p-height", height: document.documentElement.scrollHeight }); }

  new H5PStandalone.H5P(container, config.options).then(function () {
    H5P.externalDispatcher.on("xAPI", function (event) {
      var statement = event.data && event.data.statement;
      if (statement && statement.result && statement.result.score) {
        tell({ type: "munet:h5p-statement", statement: statement });
      }
    });
    tell({ type: "munet:h5p-ready" });
    reportHeight();
    if (window.ResizeObserver) { new ResizeObserver(reportHeight).observe(document.body); }
    else { window.setInterval(reportHeight, 1000); }
  }).catch(function (error) {
    tell({ type: "munet:h5p-failed", reason: String(error) });
    document.getElementById("h5p-failed").hidden = false;  // the preview has no relay to say it
    if (window.console) { console.error("H5P player:", error); }
  });
})();
