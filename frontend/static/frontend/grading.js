/* Grading (the queue and the SpeedGrader). Everything here is a convenience:
 * the pages work without it.
 * - Rubric: the total follows the levels clicked (the server adds them up again).
 * - Keyboard: j or Alt+→ next, k or Alt+← previous, s save the draft; never
 *   while the person is typing in a field.
 * - Queue: a box that ticks every draft of the page, for bulk release. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;

  // --- Rubric total --------------------------------------------------------
  var rubric = document.getElementById("rubric");
  var total = document.getElementById("rubric-total");
  function updateTotal() {
    var sum = 0;
    var chosen = 0;
    rubric.querySelectorAll("input[type=radio][data-points]:checked").forEach(function (input) {
      sum += Number(input.dataset.points);
      chosen += 1;
    });
    total.textContent = chosen ? sum.toLocaleString(lang, { maximumFractionDigits: 2 }) : "—";
  }
  if (rubric && total) {
    rubric.addEventListener("change", updateTotal);
    updateTotal();
  }

  // --- Keyboard shortcuts --------------------------------------------------
  var help = document.getElementById("grading-shortcuts");
  if (help) { help.hidden = false; }

  function typing(element) {
    if (!element || element === document.body) { return false; }
    if (element.isContentEditable) { return true; }
    var tag = element.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") { return true; }
    if (tag !== "INPUT") { return false; }
    return ["radio", "checkbox", "button", "submit", "reset", "file"].indexOf(element.type) === -1;
  }

  function follow(id) {
    var link = document.getElementById(id);
    if (link) { window.location.assign(link.href); }
    return Boolean(link);
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    // Alt combinations only: single-letter shortcuts would fire for people who
    // use speech input or type by mistake (WCAG 2.1.4).
    if (!event.altKey || event.shiftKey) { return; }
    var handled = false;
    if (event.key === "ArrowRight") {
      handled = follow("grading-next");
    } else if (event.key === "ArrowLeft") {
      handled = follow("grading-previous");
    } else if (event.code === "KeyS") {
      var save = document.getElementById("save-draft");
      if (save) { save.click(); handled = true; }
    }
    if (handled) { event.preventDefault(); }
  });

  // --- Queue: tick every draft ------------------------------------------------
  var all = document.getElementById("select-drafts");
  var drafts = document.querySelectorAll("input[data-draft]");
  if (all && drafts.length) {
    all.hidden = false;
    all.addEventListener("change", function () {
      drafts.forEach(function (box) { box.checked = all.checked; });
    });
  }
}());
