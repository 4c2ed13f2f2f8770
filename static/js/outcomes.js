/* The outcomes pages: a "Copy" button for a join link just made, and the report's "Print" button. Both
   stay hidden without this file; the page works without them (copy by hand, the browser's Print). */
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

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
