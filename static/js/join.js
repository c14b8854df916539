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

// Typed answers are kept in this tab (sessionStorage) from the first key until the server says
// "Saved", so a reload in the pause before the autosave (issue 16: an answer typed less than a
// second before a reload was lost) puts the text back and saves it. sessionStorage is per tab and
// ends with it, so on a shared Chromebook the next pupil never gets these; the key names the class,
// the pupil and their attempt, so another pupil in the same tab does not either.
(function () {
  "use strict";

  var list = document.querySelector("ol.questions[data-draft-key]");
  if (!list || !window.sessionStorage) { return; }
  var prefix = "quizapp-draft:" + list.getAttribute("data-draft-key") + ":";

  function box(form) { return form.querySelector("input[type=text]"); }
  function keyOf(form) { return prefix + form.getAttribute("action"); }

  function read(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null) { window.sessionStorage.removeItem(key); } else { window.sessionStorage.setItem(key, value); }
    } catch (e) { /* storage full or refused: the autosave still runs */ }
  }

  list.querySelectorAll("form.answer-form").forEach(function (form) {
    var input = box(form);
    if (!input) { return; }
    var key = keyOf(form), draft = read(key);
    if (list.hasAttribute("data-locked")) { write(key, null); return; }
    if (draft !== null && draft !== input.value) {
      input.value = draft;
      // "change", one of the form's triggers, saves the text put back, once htmx has set its triggers up.
      // htmx does that when the document is ready; this deferred script may run before that moment
      // (readyState "interactive"), and a change sent then was lost now and again. After the window's
      // load event htmx is certainly ready.
      var save = function () {
        window.setTimeout(function () { input.dispatchEvent(new Event("change", { bubbles: true })); }, 0);
      };
      if (document.readyState === "complete") { save(); } else { window.addEventListener("load", save); }
    } else if (draft !== null) {
      write(key, null);
    }
    input.addEventListener("input", function () { write(key, input.value); });
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt, input = form.classList && form.classList.contains("answer-form") && box(form);
    if (input) { form.setAttribute("data-sending", input.value); }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt, input = form.classList && form.classList.contains("answer-form") && box(form);
    if (!input || !event.detail.successful) { return; }
    // Only what the server just saved is forgotten: text typed while the save was on its way stays kept.
    if (read(keyOf(form)) === form.getAttribute("data-sending")) { write(keyOf(form), null); }
  });
})();

// A choice picked before htmx was ready (a slow school laptop: the page shows before its scripts
// run) changed the radio button but sent nothing, and the pupil saw "Not answered yet" under their
// pick. Once the page has loaded, such a pick is saved: a form whose choices differ from what the
// server rendered, and that has sent nothing yet, gets the "change" htmx listens for.
(function () {
  "use strict";

  var sent = [];
  document.addEventListener("htmx:beforeRequest", function (event) { sent.push(event.detail.elt); });

  function picked(form) {
    return Array.prototype.some.call(form.querySelectorAll("input[type=radio], input[type=checkbox]"), function (box) {
      return box.checked !== box.defaultChecked;
    });
  }

  function saveEarlyPicks() {
    document.querySelectorAll("form.answer-form").forEach(function (form) {
      if (sent.indexOf(form) === -1 && picked(form)) {
        var box = form.querySelector("input[type=radio], input[type=checkbox]");
        box.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  var later = function () { window.setTimeout(saveEarlyPicks, 0); };
  if (document.readyState === "complete") { later(); } else { window.addEventListener("load", later); }
})();
