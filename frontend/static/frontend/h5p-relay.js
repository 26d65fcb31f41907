/* The page around a sandboxed H5P player: sizes its frame and sends the
 * player's scored xAPI statements to our API as the signed-in person. A
 * statement that cannot be sent (no connection) waits in this browser and is
 * sent again, with the same id, so the server stores it once. */
(function () {
  "use strict";
  var frame = document.getElementById("h5p-frame");
  var box = document.getElementById("h5p-results");
  if (!frame || !box || !window.fetch) { return; }
  var token = box.querySelector("input[name=csrfmiddlewaretoken]").value;
  var storeKey = "munet-h5p-pending-" + box.dataset.url;
  var status = document.getElementById("h5p-status");
  var completion = document.getElementById("completion-status");
  var sending = false;

  function pending() {
    try { return JSON.parse(window.localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function keep(list) {
    try { window.localStorage.setItem(storeKey, JSON.stringify(list)); } catch (e) { /* private mode */ }
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function percent(value) { return Math.round(Number(value) * 100) + " %"; }

  function show(result) {
    if (result.best_scaled !== null) {
      status.textContent = box.dataset.textBest.replace("{best}", percent(result.best_scaled))
        .replace("{pass}", percent(result.pass_fraction));
    }
    if (result.completed && completion) {
      completion.innerHTML = "";
      var p = document.createElement("p");
      p.className = "ok";
      p.textContent = box.dataset.textCompleted;
      completion.appendChild(p);
    }
  }

  function flush() {
    var queue = pending();
    if (sending || !queue.length) { return; }
    sending = true;
    fetch(box.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ statement: queue[0] })
    }).then(function (response) {
      if (response.status >= 500 || response.status === 429) { throw new Error("retry"); }
      keep(pending().slice(1));  // sent, or refused for good (4xx): never resent
      return response.ok ? response.json().then(show) : null;
    }).then(function () { sending = false; flush(); })
      .catch(function () { sending = false; status.textContent = box.dataset.textOffline; });
  }

  window.addEventListener("message", function (event) {
    if (event.source !== frame.contentWindow || !event.data) { return; }
    var data = event.data;
    if (data.type === "munet:h5p-height") {
      frame.style.height = Math.min(Math.max(Number(data.height) || 0, 150), 5000) + "px";
    } else if (data.type === "munet:h5p-statement" && data.statement) {
      data.statement.id = data.statement.id || uuid();
      keep(pending().concat([data.statement]));
      flush();
    } else if (data.type === "munet:h5p-ready") {
      frame.dataset.ready = "true";
    } else if (data.type === "munet:h5p-failed") {
      status.textContent = box.dataset.textFailed;
    }
  });
  window.addEventListener("online", flush);
  window.setInterval(flush, 15000);
  flush();
})();
