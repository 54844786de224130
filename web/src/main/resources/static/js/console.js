// Warden console: modal dialogs and the copy button. Everything else is htmx.
(function () {
  "use strict";

  function showDialogs(root) {
    root.querySelectorAll("dialog[open]").forEach(function (dialog) {
      // A server-rendered dialog arrives with "open"; reopen it as a modal so focus stays inside it.
      dialog.close();
      dialog.showModal();
      var first = dialog.querySelector("[autofocus], input:not([type=hidden]), button");
      if (first) { first.focus(); }
    });
  }

  function closeDialog(dialog) {
    dialog.close();
    dialog.remove();
  }

  // The element that opened a dialog may be gone when it closes (the copy dialog replaced the form):
  // focus goes back to the page's own dialog opener, so keyboard users are not thrown to the top.
  function returnFocus() {
    var opener = document.querySelector("[data-dialog-return]");
    if (opener && !document.querySelector("dialog[open]")) { opener.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () { showDialogs(document); });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.elt && event.detail.elt.isConnected ? event.detail.elt : document;
    showDialogs(target.parentElement || document);
  });

  // Escape closes a native modal; take it out of the page too, so a reopened dialog starts fresh.
  // The close event arrives asynchronously: the close() in showDialogs queues one for a dialog that is modal
  // again by the time it fires, and that dialog must stay.
  document.addEventListener("close", function (event) {
    if (event.target.tagName === "DIALOG" && !event.target.open) {
      event.target.remove();
      returnFocus();
    }
  }, true);

  document.addEventListener("click", function (event) {
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      var dialog = closer.closest("dialog");
      if (dialog) {
        event.preventDefault();
        closeDialog(dialog);
        returnFocus();
      }
      return;
    }
    var copier = event.target.closest("[data-copy-target]");
    if (copier) {
      var input = document.getElementById(copier.getAttribute("data-copy-target"));
      input.select();
      var done = function () { copier.textContent = "Copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    }
  });
})();
