// The class page: say beside a question when its answer is being saved, and when it could not be
// (a dropped connection, a server error), so a pupil never believes an unsaved answer is safe.
// htmx does the saving; pages work without this file (each question has a Save button).
(function () {
  "use strict";

  function statusOf(form) {
    var target = form.getAttribute("hx-target");
    return target ? document.querySelector(target) : null;
  }

  // Only the status line changes; the verdict and evidence under it stay until the server's answer
  // replaces them. Emptying the block moved everything below it up while a pupil's finger was on
  // the next question (leaving a text box saves it), and the tap landed on nothing.
  function say(form, text, className) {
    var status = statusOf(form);
    if (!status) { return; }
    var line = status.querySelector(".save-state");
    if (!line) {
      line = document.createElement("p");
      status.prepend(line);
    }
    line.className = "save-state " + className;
    line.textContent = text;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form.classList && form.classList.contains("answer-form")) { say(form, "Saving…", "save-pending"); }
  });

  function notSaved(event) {
    var form = event.detail.elt;
    if (form.classList && form.classList.contains("answer-form")) {
      say(form, "⚠ Not saved: check your connection, then press Save.", "save-problem");
    }
  }

  document.addEventListener("htmx:sendError", notSaved);
  document.addEventListener("htmx:responseError", notSaved);
  document.addEventListener("htmx:timeout", notSaved);
})();
