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

// On a phone (or any screen without hover) a tap on a name used to follow its link to the glossary,
// about 2,000 px down the page, and the pupil lost her place (issue 16). There a tap shows the name's
// entry where she is (a bar at the bottom of the screen, app.css); a second tap, a tap elsewhere or
// Escape hides it. With a mouse, the link still leads to the glossary and hovering shows the tip.
(function () {
  "use strict";
  var touch = window.matchMedia("(max-width: 40rem), (hover: none)");

  document.addEventListener("click", function (event) {
    var mention = event.target.closest && event.target.closest("a.mention");
    document.querySelectorAll("a.mention.tip-open").forEach(function (open) {
      if (open !== mention) { open.classList.remove("tip-open"); }
    });
    if (!mention || !touch.matches) { return; }
    event.preventDefault();
    var opening = !mention.classList.contains("tip-open");
    mention.classList.toggle("tip-open", opening);
    mention.classList.toggle("tip-dismissed", !opening);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("a.mention.tip-open").forEach(function (open) { open.classList.remove("tip-open"); });
  });
})();
