/* The prototype board with HTMX: after a card moves, the board is swapped in place and focus goes to the
   moved card (or back to the form that was refused), so keyboard and screen-reader users keep their
   place. A refused move (403) comes with the board and the message on the card: show it.
   Without this file (or HTMX) every move is a plain form POST and the page reloads. */
(function () {
  "use strict";

  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "board" && event.detail.xhr.status === 403) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var board = document.getElementById("board");
    if (!board || !board.dataset.focus) {
      return;
    }
    var target = document.getElementById(board.dataset.focus);
    delete board.dataset.focus;
    if (!target) {
      return;
    }
    if (target.tagName === "FORM") {
      target = target.querySelector("select") || target;
    }
    if (!target.hasAttribute("tabindex") && target.tagName !== "SELECT") {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest" });
  });

  document.body.addEventListener("htmx:responseError", function () {
    var region = document.getElementById("board-status");
    if (region) {
      region.textContent = "";
      var note = document.createElement("p");
      note.className = "alert alert-danger";
      note.textContent = region.dataset.failed || "The move did not go through. Reload the page and try again.";
      region.appendChild(note);
    }
  });
})();
