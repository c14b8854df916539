// The question editor's live preview: after typing stops, send the form and swap in the returned HTML.
// Without this script the "Preview" button does the same with a page load.
(function () {
  var form = document.querySelector("form[data-preview-url]");
  var target = document.getElementById("preview");
  if (!form || !target || !window.fetch) return;
  var timer;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(form.dataset.previewUrl, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) target.innerHTML = html; });
    }, 400);
  });
})();
