// On a phone the quiz pages show the article or the questions, one at a time, under a switch that
// stays at the top: question 1 was 3.7 screens down, under the whole article (issue 16). The switch
// is two links (#article-text, #questions); without this file they jump to each part, and on wider
// screens, where the article sits beside the questions, the switch is not shown at all.
(function () {
  "use strict";
  var nav = document.querySelector("[data-pane-switch]");
  if (!nav) { return; }
  var layout = nav.closest(".quiz-layout");
  var phone = window.matchMedia("(max-width: 40rem)");
  var panes = { article: layout.querySelector(".article-text"), questions: layout.querySelector(".quiz-body") };

  function show(name) {
    layout.setAttribute("data-pane", name);
    nav.querySelectorAll("[data-pane]").forEach(function (link) {
      if (link.getAttribute("data-pane") === name) { link.setAttribute("aria-current", "true"); }
      else { link.removeAttribute("aria-current"); }
    });
  }

  nav.addEventListener("click", function (event) {
    var link = event.target.closest("[data-pane]");
    if (!link || !phone.matches) { return; }
    event.preventDefault();
    var name = link.getAttribute("data-pane");
    show(name);
    if (panes[name]) { panes[name].scrollIntoView({ block: "start" }); }  // its start, just under the switch
  });

  // A link into the hidden part (an answer's evidence sentence in the article) shows that part first.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]:not(.mention)');
    if (!link || !phone.matches || nav.contains(link)) { return; }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    Object.keys(panes).forEach(function (name) {
      if (target && panes[name] && panes[name].contains(target)) { show(name); }
    });
  }, true);

  // A tap on the switch before this file ran (a slow school laptop) only changed the address to
  // #questions or #article-text: honour it rather than undo it.
  var start = nav.getAttribute("data-start") || "article";
  var wanted = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  Object.keys(panes).forEach(function (name) {
    if (wanted && panes[name] && panes[name].contains(wanted)) { start = name; }
  });
  show(start);
})();
