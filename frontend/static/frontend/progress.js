// A batch's progress page: ask for the counts every 2 s and update the bar and
// its text (read out by screen readers through role="status"); reload the page
// once the batch has finished, so that its results and links appear.
// Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("batch-progress");
  if (!box || !window.fetch) return;
  var bar = document.getElementById("batch-bar");
  var text = document.getElementById("batch-text");
  var status = document.getElementById("batch-status");
  var timer = window.setInterval(function () {
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.total) {
          bar.max = data.total;
          bar.value = data.done;
        }
        bar.textContent = data.percent + " %";
        if (text.textContent !== data.text) text.textContent = data.text;
        status.textContent = data.status_label;
        if (data.finished) {
          window.clearInterval(timer);
          window.location.reload();
        }
      })
      .catch(function () { /* a lost request: the next one tries again */ });
  }, 2000);
})();
