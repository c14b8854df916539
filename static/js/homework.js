// Homework times are typed in the teacher's own zone: the browser knows it, so it fills in the form's
// hidden "timezone" field and the sentence that names it. Without JavaScript the school's zone is used,
// and the page names that one instead, so the times typed are never read in a zone nobody was shown.
(() => {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!zone) return;
  document.querySelectorAll("input[name=timezone]").forEach((input) => { input.value = zone; });
  document.querySelectorAll("[data-timezone-name]").forEach((span) => { span.textContent = zone; });
})();
