/* The thread page with HTMX: where focus goes after a partial update, Cancel for the forms that open under
   a post, and a short notice when a request fails. (A rate limit's answer, 429, is swapped in like a 2xx
   one: base.html's htmx-config says so.)
   Every action also works without this file (and without HTMX): plain links and forms. */
(function () {
  "use strict";

  var openers = {}; // panel id → the link that opened it, to give focus back on Cancel

  function status(text) {
    var region = document.getElementById("thread-status");
    if (region) {
      region.textContent = "";
      window.setTimeout(function () {
        region.textContent = text;
      }, 50);
    }
  }

  // The server names what should get focus after a swap: the new post, the edited post, the flag's thanks.
  document.body.addEventListener("deliberation:focus", function (event) {
    var target = document.getElementById(event.detail && event.detail.id);
    if (target) {
      if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center" });
    }
  });

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    if (source && source.dataset && source.dataset.opensPanel) {
      openers[source.dataset.opensPanel] = source;
    }
  });

  document.body.addEventListener("htmx:responseError", function (event) {
    var code = event.detail.xhr.status;
    var region = document.getElementById("thread-status");
    if (!region || code === 429) {
      return;
    }
    status(code === 403 ? region.dataset.forbidden : region.dataset.failed);
  });

  // Cancel in a form that opened under a post: close it, and go back to the button that opened it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-closes-panel]");
    if (!link) {
      return;
    }
    var panel = document.getElementById(link.dataset.closesPanel);
    if (!panel) {
      return; // the form is a page of its own: the link goes back to the thread
    }
    event.preventDefault();
    panel.innerHTML = "";
    var opener = openers[panel.id];
    if (opener && document.body.contains(opener)) {
      opener.focus();
    }
  });
})();
