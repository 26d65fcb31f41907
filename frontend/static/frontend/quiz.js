/* The quiz attempt page: autosave each answer as it is given, and count down
 * to the server's deadline. Without this script the page still works: its
 * form saves on "Save" and the server enforces the time limit on its own.
 *
 * Autosave: on change (and a moment after typing stops) the question's
 * response is POSTed as JSON to the API. A failed save (no connection, a
 * server error) is retried with growing pauses and as soon as the browser is
 * back online; the newest response of a question always wins. The status line
 * ("Saved at 10:42") is announced politely.
 *
 * Countdown: from the seconds left that the server computed (the computer's
 * own clock may be wrong), announced at 5 and 1 minutes; at zero the form is
 * posted, which saves what is on the page and submits the attempt. */
(function () {
  "use strict";
  var form = document.getElementById("quiz-form");
  if (!form || !window.fetch || !window.JSON) { return; }
  var base = form.getAttribute("data-autosave-url").replace(/0\/$/, "");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var statusLine = document.getElementById("quiz-save-status");
  var lang = document.documentElement.lang || "es";
  var dirty = {}, sending = {}, retryTimers = {}, pauses = {}, typingTimers = {};
  var closed = false;

  function each(list, callback) { Array.prototype.forEach.call(list, callback); }

  function text(name) { return form.getAttribute("data-text-" + name) || ""; }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function say(message) { if (statusLine) { statusLine.textContent = message; } }

  function fieldsetOf(element) {
    while (element && element !== form) {
      if (element.tagName === "FIELDSET" && element.getAttribute("data-position")) { return element; }
      element = element.parentNode;
    }
    return null;
  }

  function responseOf(fieldset) {
    var kind = fieldset.getAttribute("data-kind");
    var name = "q" + fieldset.getAttribute("data-position");
    if (kind === "matching") {
      var matches = {}, any = false;
      each(fieldset.querySelectorAll("select[data-item]"), function (select) {
        if (select.value) { matches[select.getAttribute("data-item")] = select.value; any = true; }
      });
      return any ? { matches: matches } : null;
    }
    if (kind === "multichoice" || kind === "truefalse") {
      var chosen = [];
      each(fieldset.querySelectorAll("input[name='" + name + "']"), function (input) {
        if (input.checked) { chosen.push(input.value); }
      });
      if (fieldset.getAttribute("data-multiple") === "true") {
        return chosen.length ? { answers: chosen } : null;
      }
      return chosen.length ? { answer: chosen[0] } : null;
    }
    var field = fieldset.querySelector("[name='" + name + "']");
    return field && field.value.replace(/^\s+|\s+$/g, "") ? { text: field.value } : null;
  }

  // "10:42" in the programme's time zone, like the times the server writes.
  function clock(iso) {
    var when = new Date(iso);
    var zone = form.getAttribute("data-time-zone");
    try {
      return when.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: zone });
    } catch (error) {
      return pad(when.getHours()) + ":" + pad(when.getMinutes());  // an old browser: its own zone
    }
  }

  function mark(position, message) {
    var fieldset = document.getElementById("question-" + position);
    var line = fieldset && fieldset.querySelector("[data-status]");
    if (line) { line.textContent = message; }
  }

  function retryLater(position) {
    pauses[position] = Math.min(Math.max((pauses[position] || 1000) * 2, 2000), 30000);
    window.clearTimeout(retryTimers[position]);
    retryTimers[position] = window.setTimeout(function () { save(position); }, pauses[position]);
    say(text("retrying"));
    mark(position, text("retrying"));
  }

  function save(position) {
    if (closed) { return; }
    if (sending[position]) { dirty[position] = true; return; }
    window.clearTimeout(retryTimers[position]);
    dirty[position] = false;
    sending[position] = true;
    say(text("saving"));
    var fieldset = document.getElementById("question-" + position);
    fetch(base + position + "/", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ response: responseOf(fieldset) })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    }).then(function (result) {
      sending[position] = false;
      if (result.status === 200) {
        pauses[position] = 0;
        var saved = text("saved").replace("%(time)s", clock(result.data.saved_at));
        say(saved);
        mark(position, saved);
        if (dirty[position]) { save(position); }
      } else if (result.status >= 500 || result.status === 429) {
        retryLater(position);
      } else {
        // Refused (time over, attempt submitted, signed out): show why and stop.
        var reason = (result.data && result.data.detail) || text("failed");
        say(reason);
        mark(position, reason);
        if (result.status === 409) { closed = true; window.setTimeout(function () { window.location.reload(); }, 3000); }
      }
    }, function () {
      sending[position] = false;
      dirty[position] = false;
      retryLater(position);
    });
  }

  form.addEventListener("change", function (event) {
    var fieldset = fieldsetOf(event.target);
    if (!fieldset) { return; }
    var position = fieldset.getAttribute("data-position");
    window.clearTimeout(typingTimers[position]);
    save(position);
  });

  form.addEventListener("input", function (event) {
    var fieldset = fieldsetOf(event.target);
    if (!fieldset || !/^(TEXTAREA|INPUT)$/.test(event.target.tagName) || event.target.type === "radio" || event.target.type === "checkbox") { return; }
    var position = fieldset.getAttribute("data-position");
    window.clearTimeout(typingTimers[position]);
    typingTimers[position] = window.setTimeout(function () { save(position); }, 1500);
  });

  window.addEventListener("online", function () {
    Object.keys(retryTimers).forEach(function (position) {
      if (retryTimers[position] && pauses[position]) { pauses[position] = 0; save(position); }
    });
  });

  // --- The countdown ---------------------------------------------------------
  var timer = document.getElementById("quiz-timer");
  if (!timer) { return; }
  var display = document.getElementById("quiz-clock");
  var alertLine = document.getElementById("quiz-timer-alert");
  var secondsLeft = Number(timer.getAttribute("data-seconds-left"));
  var now = window.performance && window.performance.now ? function () { return window.performance.now(); } : function () { return Date.now(); };
  var endsAt = now() + secondsLeft * 1000;
  var announced = { five: secondsLeft <= 300, one: secondsLeft <= 60 };

  function show(seconds) {
    var hours = Math.floor(seconds / 3600), minutes = Math.floor((seconds % 3600) / 60);
    display.textContent = (hours ? hours + ":" + pad(minutes) : String(minutes)) + ":" + pad(seconds % 60);
  }

  function announce(message) { if (alertLine) { alertLine.textContent = message; } }

  function timeUp() {
    closed = true;
    announce(timer.getAttribute("data-text-up"));
    form.querySelector("input[name=timeup]").value = "1";
    form.submit();
  }

  function tick() {
    var left = Math.max(0, Math.ceil((endsAt - now()) / 1000));
    show(left);
    if (!announced.five && left <= 300) { announced.five = true; announce(timer.getAttribute("data-text-five")); }
    if (!announced.one && left <= 60) { announced.one = true; announce(timer.getAttribute("data-text-one")); }
    if (left <= 0) { timeUp(); return; }
    window.setTimeout(tick, 1000 - ((endsAt - now()) % 1000 || 0));
  }
  tick();
}());
