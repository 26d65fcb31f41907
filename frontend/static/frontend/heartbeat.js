/* Measured study time: while this page is visible and the person has been
 * active recently (or a video is playing), report the elapsed seconds to the
 * server every `interval` seconds. The server decides what counts. */
(function () {
  "use strict";
  var box = document.getElementById("heartbeat");
  if (!box || !window.fetch || !window.FormData) { return; }
  var interval = Number(box.dataset.interval) * 1000;
  var idle = Number(box.dataset.idle) * 1000;
  var maxSeconds = Number(box.dataset.max);
  var minActive = Number(box.dataset.minActive);
  var active = Number(box.dataset.active);
  var complete = box.dataset.complete === "true";
  var token = box.querySelector("input[name=csrfmiddlewaretoken]").value;
  var lastInput = Date.now();
  var lastTick = Date.now();
  var pending = 0;
  var sending = false;
  var timeText = document.getElementById("active-time");
  var status = document.getElementById("completion-status");
  var media = document.querySelector("[data-activity-media]");

  ["pointerdown", "pointermove", "keydown", "scroll", "touchstart", "wheel"].forEach(function (name) {
    window.addEventListener(name, function () { lastInput = Date.now(); }, { passive: true });
  });

  function engaged(now) {
    var playing = media && !media.paused && !media.ended;
    return document.visibilityState === "visible" && (playing || now - lastInput < idle);
  }

  function collect() {
    var now = Date.now();
    if (engaged(now)) { pending += Math.round((now - lastTick) / 1000); }
    pending = Math.min(pending, maxSeconds);
    lastTick = now;
  }

  function payload() {
    var data = new FormData();
    data.append("course_run", box.dataset.courseRun);
    data.append("activity", box.dataset.activity);
    data.append("seconds", String(pending));
    data.append("csrfmiddlewaretoken", token);
    return data;
  }

  // The same wording as the server's (courses.rules.duration_text): whole
  // minutes rounded up, in the page's language; "H h MM min" from an hour on.
  var minuteFormat = null;
  try {
    minuteFormat = new Intl.NumberFormat(document.documentElement.lang || "es",
                                         { style: "unit", unit: "minute", unitDisplay: "long" });
  } catch (error) { /* an old browser: "N min" below */ }

  function formatMinutes(seconds) {
    var minutes = Math.ceil(seconds / 60);
    if (minutes < 60) { return minuteFormat ? minuteFormat.format(minutes) : minutes + " min"; }
    var rest = minutes % 60;
    return Math.floor(minutes / 60) + " h " + (rest < 10 ? "0" : "") + rest + " min";
  }

  function show(result) {
    active = result.activity_active_seconds;
    if (timeText) { timeText.textContent = formatMinutes(active); }
    if (result.completed && !complete) {
      complete = true;
      if (status) { status.innerHTML = ""; var p = document.createElement("p"); p.className = "ok";
        p.textContent = box.dataset.textCompleted; status.appendChild(p); }
    } else if (!complete && active >= minActive) {
      var hint = document.getElementById("done-hint");
      if (hint) { hint.textContent = box.dataset.textReady; hint.className = "ok"; }
    }
  }

  function send() {
    collect();
    if (sending || pending <= 0) { return; }
    sending = true;
    fetch(box.dataset.url, { method: "POST", body: payload(), credentials: "same-origin",
                             headers: { "X-CSRFToken": token, "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        pending = 0;
        return response.json();
      })
      .then(show)
      .catch(function () { /* keep `pending`; the next beat retries */ })
      .then(function () { sending = false; });
  }

  // Leaving: the seconds since the last beat go in a beacon, which survives the
  // page. Following a link may fire `pagehide` without a `visibilitychange`
  // first (seen in headless Chromium), so both send what is pending, once.
  function flush() {
    collect();
    if (pending > 0 && navigator.sendBeacon && navigator.sendBeacon(box.dataset.url, payload())) {
      pending = 0;
    }
  }

  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      flush();
    } else {
      lastTick = Date.now();
      lastInput = Date.now();
    }
  });
  window.setInterval(send, interval);
}());
