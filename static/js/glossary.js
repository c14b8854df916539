// Glossary tooltips (WCAG 1.4.13, content on hover or focus): a name's definition shows while the
// pointer is over it or the keyboard focus is on it (app.css), stays while the pointer moves onto it,
// and Escape hides it without moving the focus or the pointer. It comes back once the name is left.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll("a.mention:hover, a.mention:focus").forEach((mention) => {
    mention.classList.add("tip-dismissed");
  });
});

function leave(event) {
  const mention = event.target.closest && event.target.closest("a.mention");
  if (mention && !mention.contains(event.relatedTarget)) mention.classList.remove("tip-dismissed");
}
document.addEventListener("focusout", leave);
document.addEventListener("mouseout", leave);
