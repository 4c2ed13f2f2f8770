/* The members page: "Copy" buttons for join links, and a bulk-invite button that says how many people
   it will invite. Everything works without this file; it only adds comfort. */
(function () {
  "use strict";

  var MAX_ROWS = 500;

  // --- Copy a join link -------------------------------------------------------------------------------
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

  // --- "Invite 12 people" --------------------------------------------------------------------------------
  // Counted as the server counts: a line "email,role,stakeholder_type" is one person; otherwise every
  // address separated by commas, semicolons or spaces is one (InviteManyForm.clean_addresses). A header
  // line is not an address.
  function countAddresses(text) {
    var count = 0;
    var firstLine = true;
    text.split(/\r?\n/).forEach(function (line) {
      if (!line.trim()) {
        return;
      }
      if (firstLine && line.indexOf("@") === -1 && /^\s*e-?mail/i.test(line)) {
        firstLine = false;
        return;
      }
      firstLine = false;
      var cells = line.split(",");
      if (cells.length === 3 && cells[0].indexOf("@") !== -1 && cells[1].indexOf("@") === -1) {
        count += 1;
        return;
      }
      count += line.split(/[,;\s]+/).filter(function (part) {
        return part.trim();
      }).length;
    });
    return count;
  }

  var button = document.getElementById("bulk-submit");
  var source = button && document.getElementById(button.dataset.countSource);
  if (source) {
    var label = function () {
      var count = countAddresses(source.value);
      if (count === 0) {
        return button.dataset.labelNone;
      }
      if (count > MAX_ROWS) {
        return button.dataset.labelTooMany;
      }
      if (count === 1) {
        return button.dataset.labelOne;
      }
      return button.dataset.labelMany.replace("%(count)s", String(count));
    };
    var update = function () {
      button.textContent = label();
    };
    source.addEventListener("input", update);
    update();
  }
})();
