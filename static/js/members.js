/* The members page: a bulk-invite button that says how many people it will invite (its "Copy" buttons
   for join links are copy.js's). Everything works without this file; it only adds comfort. */
(function () {
  "use strict";

  var MAX_ROWS = 500;

  // --- "Invite 12 people" --------------------------------------------------------------------------------
  // Counted as the server counts (arenas/services/invitation_rows.py): a line "email,role[,type]" (cells
  // separated by tabs, semicolons or commas) is one person; otherwise every address separated by commas,
  // semicolons or spaces is one, and when some are written "Name <address>" the names are not counted.
  // A header line is not an address.
  var SEPARATORS = ["\t", ";", ","];
  var TOKEN = /<([^<>\s]*)>|[^,;\s<>]+/g;

  function isRow(line) {
    return SEPARATORS.some(function (separator) {
      var cells = line.split(separator);
      return (
        cells.length >= 2 &&
        cells.length <= 3 &&
        cells[0].indexOf("@") !== -1 &&
        cells.slice(1).every(function (cell) {
          return cell.indexOf("@") === -1;
        }) &&
        cells[1].trim() !== ""
      );
    });
  }

  function addressCount(line) {
    var tokens = line.match(TOKEN) || [];
    var bracketed = tokens.some(function (token) {
      return token.charAt(0) === "<";
    });
    if (!bracketed) {
      return tokens.length;
    }
    return tokens.filter(function (token) {
      return token.charAt(0) === "<" || token.indexOf("@") !== -1;
    }).length;
  }

  function countAddresses(text) {
    var count = 0;
    var firstLine = true;
    text.split(/\r?\n|\r/).forEach(function (line) {
      if (!line.trim()) {
        return;
      }
      var header = firstLine && line.indexOf("@") === -1 && /^\s*"?e-?mail/i.test(line);
      firstLine = false;
      if (header) {
        return;
      }
      count += isRow(line) ? 1 : addressCount(line);
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
