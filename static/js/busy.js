// Slow forms (adding an article runs the analysis, a few seconds): on submit, disable the
// button so it is not pressed twice and say what is happening. Without JS the note under
// the button already says it takes a few seconds, and the form works the same.
document.querySelectorAll("form[data-busy-form]").forEach((form) => {
  form.addEventListener("submit", () => {
    const button = form.querySelector("button[data-busy-label]");
    const note = form.querySelector(".busy-note");
    if (!button) return;
    // Disabled after this tick: disabling it now would drop the button from the submission.
    setTimeout(() => {
      button.disabled = true;
      button.classList.add("is-busy");
      button.textContent = button.dataset.busyLabel;
      if (note) note.textContent = "Analysing the article… the page will change when it is ready.";
    }, 0);
  });
});
