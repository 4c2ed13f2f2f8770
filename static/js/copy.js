/* "Copy" buttons: a button with data-copy-target (the id of a read-only input) copies its value and says
   so in data-copy-status's element (data-copied, or data-copy-failed after selecting the text for copying
   by hand). The buttons stay hidden without this file; the link can always be copied by hand. */
(function () {
  "use strict";

  function copy(input) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(input.value);
    }
    input.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.copyTarget);
      var status = document.getElementById(button.dataset.copyStatus);
      copy(input).then(
        function () {
          status.textContent = button.dataset.copied;
        },
        function () {
          input.focus();
          input.select();
          status.textContent = button.dataset.copyFailed;
        }
      );
    });
  });
})();
