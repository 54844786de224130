// Warden console: modal dialogs, the copy button, the scope picker and Check access's endpoint filter. Everything else is htmx.
(function () {
  "use strict";

  // ---- Scope picker (templates/fragments/scope-picker.html): search, presets, and scopes that follow the role.
  // Without JavaScript the picker is plain checkboxes, so its tools arrive hidden.
  function showScopeTools() {
    document.querySelectorAll("[data-scope-tools][hidden]").forEach(function (tools) { tools.hidden = false; });
  }

  function scopeBoxes(picker) {
    return Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox][name=scopes]"));
  }

  function sayScopes(picker, text) {
    var status = picker.querySelector("[data-scope-status]");
    if (status) { status.textContent = text; }
  }

  // Shows the scopes whose key, description or group (resource, or a service's display name) contains every word
  // typed; hides empty groups.
  function filterScopes(picker, query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    var all = 0;
    picker.querySelectorAll("[data-scope-group]").forEach(function (group) {
      var groupShown = 0;
      group.querySelectorAll("[data-scope-option]").forEach(function (option) {
        var legend = group.querySelector("legend");
        var text = (group.getAttribute("data-scope-group") + " " + (legend ? legend.textContent : "") + " "
            + option.querySelector("input").value + " " + option.querySelector("span").textContent).toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        option.hidden = !match;
        all++;
        if (match) { groupShown++; }
      });
      group.hidden = groupShown === 0;
      shown += groupShown;
    });
    picker.querySelector("[data-scope-none]").hidden = shown > 0;
    sayScopes(picker, words.length === 0 ? "" : shown + " of " + all + " scopes shown");
  }

  // A preset replaces the choice with the enabled scopes it names.
  function applyPreset(picker, button) {
    var preset = button.getAttribute("data-scope-preset");
    var chosen = 0;
    scopeBoxes(picker).forEach(function (box) {
      var names = (box.getAttribute("data-scope-presets") || "").split(" ");
      box.checked = !box.disabled && names.indexOf(preset) >= 0;
      delete box.dataset.wasChecked;
      if (box.checked) { chosen++; }
    });
    var search = picker.querySelector("[data-scope-search]");
    if (search.value) {
      search.value = "";
      filterScopes(picker, "");
    }
    sayScopes(picker, button.textContent.trim() + ": " + chosen + (chosen === 1 ? " scope" : " scopes") + " chosen");
  }

  // Organisation and group tokens: the technical user holds only the chosen role, so that role bounds the scopes.
  // A scope the new role does not grant is unticked, and ticked again if a role that grants it is chosen back.
  function followRole(picker, role) {
    scopeBoxes(picker).forEach(function (box) {
      var granting = (box.getAttribute("data-scope-roles") || "").split(" ");
      var grantable = granting.indexOf(role) >= 0;
      var option = box.closest("[data-scope-option]");
      var denied = option.querySelector("[data-scope-denied]");
      if (!grantable && box.checked) {
        box.checked = false;
        box.dataset.wasChecked = "true";
      } else if (grantable && box.dataset.wasChecked) {
        box.checked = true;
        delete box.dataset.wasChecked;
      }
      box.disabled = !grantable;
      option.classList.toggle("denied", !grantable);
      denied.hidden = grantable;
      var about = box.getAttribute("aria-describedby").split(" ")[0];
      box.setAttribute("aria-describedby", grantable ? about : about + " " + denied.id);
    });
  }

  document.addEventListener("input", function (event) {
    var search = event.target.closest("[data-scope-search]");
    if (search) { filterScopes(search.closest("[data-scope-picker]"), search.value); }
  });

  // Enter in the search box must not submit the dialog.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.closest("[data-scope-search]")) { event.preventDefault(); }
  });

  // ---- Expiry control (templates/fragments/expiry-control.html): a preset shows its date in the date field, and
  // typing a date chooses "On a date", so what is shown is what is sent.
  function addDays(isoDay, days) {
    var date = new Date(isoDay + "T00:00:00Z");
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }

  document.addEventListener("change", function (event) {
    var control = event.target.closest ? event.target.closest("[data-expiry-control]") : null;
    if (!control) { return; }
    var days = event.target.getAttribute("data-expiry-days");
    if (days) {
      control.querySelector("[data-expiry-date]").value = addDays(control.getAttribute("data-today"), Number(days));
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-expiry-date]")) {
      var onDate = event.target.closest("[data-expiry-control]").querySelector("input[name=expiresIn][value=date]");
      if (onDate) { onDate.checked = true; }
    }
  });

  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (radio.type !== "radio" || radio.name !== "role" || !radio.form) { return; }
    var picker = radio.form.querySelector("[data-scope-picker][data-role-driven]");
    if (picker) { followRole(picker, radio.value); }
  });

  // ---- Check access's endpoint picker (templates/admin/tokens/access.html): a filter above the grouped list.
  // Without JavaScript the list alone works, so the filter arrives hidden. Every word typed must appear in the
  // endpoint or its group (the scope it needs); ArrowDown or Enter in the filter moves to the first match.
  function showEndpointFilters(root) {
    root.querySelectorAll("[data-endpoint-picker]").forEach(function (picker) {
      picker.querySelectorAll("[data-picker-filter][hidden], [data-picker-filter-label][hidden]").forEach(
          function (element) { element.hidden = false; });
    });
  }

  function filterEndpoints(picker, query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    var all = 0;
    picker.querySelectorAll("[data-picker-list] optgroup").forEach(function (group) {
      var groupShown = 0;
      group.querySelectorAll("option").forEach(function (option) {
        var text = (group.label + " " + option.value).toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        option.hidden = !match;
        option.disabled = !match; // hidden options must not be reached with the arrow keys either
        all++;
        if (match) { groupShown++; }
      });
      group.hidden = groupShown === 0;
      shown += groupShown;
    });
    picker.querySelector("[data-picker-count]").textContent = words.length === 0 ? ""
        : shown === 0 ? "No endpoint matches; type a request below instead."
        : shown + " of " + all + (all === 1 ? " endpoint matches" : " endpoints match");
    return shown;
  }

  function firstEndpoint(picker) {
    var list = picker.querySelector("[data-picker-list]");
    var first = list.querySelector("option:not([hidden])");
    if (first) {
      first.selected = true;
      list.focus();
    }
  }

  document.addEventListener("input", function (event) {
    var filter = event.target.closest("[data-picker-filter]");
    if (filter) { filterEndpoints(filter.closest("[data-endpoint-picker]"), filter.value); }
  });

  document.addEventListener("keydown", function (event) {
    var filter = event.target.closest("[data-picker-filter]");
    if (filter && (event.key === "ArrowDown" || event.key === "Enter")) {
      event.preventDefault(); // Enter here picks, it does not submit
      firstEndpoint(filter.closest("[data-endpoint-picker]"));
      return;
    }
    var list = event.target.closest("[data-picker-list]");
    if (list && event.key === "Enter" && list.value && list.form) {
      event.preventDefault();
      list.form.requestSubmit();
    }
  });

  document.addEventListener("DOMContentLoaded", function () { showEndpointFilters(document); });
  document.addEventListener("htmx:afterSwap", function () { showEndpointFilters(document); });

  function showDialogs(root) {
    root.querySelectorAll("dialog[open]").forEach(function (dialog) {
      // A server-rendered dialog arrives with "open"; reopen it as a modal so focus stays inside it.
      dialog.close();
      dialog.showModal();
      var first = dialog.querySelector("[autofocus], input:not([type=hidden]), button");
      // Only an autofocus field may scroll the dialog: a first button deep in a wide table (the token usage list
      // on a phone) would otherwise open the dialog scrolled away from its title.
      if (first) { first.focus({ preventScroll: !first.hasAttribute("autofocus") }); }
      showFirstError(dialog);
    });
  }

  // A dialog re-rendered with form errors opens scrolled to the top, its first field focused: the error may be far
  // below (no scope chosen). Every dialog names a field's error paragraph (.field-error) in the field's
  // aria-describedby, so the first error finds its field: mark it invalid, focus it and bring the error into view.
  function showFirstError(dialog) {
    var error = Array.prototype.slice.call(dialog.querySelectorAll(".field-error[id]"))
        .filter(function (p) { return p.textContent.trim().length > 0; })[0];
    if (!error) { return; }
    // htmx focuses [autofocus] when it settles the swap, after this: that would scroll back to the top.
    dialog.querySelectorAll("[autofocus]").forEach(function (el) { el.removeAttribute("autofocus"); });
    var field = Array.prototype.slice.call(dialog.querySelectorAll("[aria-describedby]"))
        .filter(function (el) { return el.getAttribute("aria-describedby").split(/\s+/).indexOf(error.id) >= 0; })[0];
    if (field) {
      field.setAttribute("aria-invalid", "true");
      // A group of checkboxes or radio buttons (the scope picker) is focused at its first enabled box.
      var focusable = field.matches("input, select, textarea, button") ? field
          : field.querySelector("input[type=checkbox]:not([disabled]), input[type=radio]:not([disabled])")
            || field.querySelector("input:not([type=hidden]):not([disabled]), select, textarea");
      if (focusable) { focusable.focus({ preventScroll: true }); }
      // The field first, then its error: for a long field (the scope picker) the error below it wins.
      field.scrollIntoView({ block: "nearest" });
    }
    error.scrollIntoView({ block: "nearest" });
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

  document.addEventListener("DOMContentLoaded", function () { showScopeTools(); showDialogs(document); });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.elt && event.detail.elt.isConnected ? event.detail.elt : document;
    showScopeTools();
    showDialogs(target.parentElement || document);
    // A question the answer asks inline (switching tokens off) is brought into view, its safe way out focused.
    var ask = document.querySelector("[data-reveal]");
    if (ask) {
      ask.scrollIntoView({block: "center"});
      var button = ask.querySelector("a[href], button");
      if (button) { button.focus(); }
    }
  });

  // The copy-once dialog shows a secret for the only time: Escape must not throw it away. Its markup says
  // closedby="none" (no Escape, no backdrop click); the cancel event is refused too, for browsers without closedby.
  // Only its Done button closes it.
  document.addEventListener("cancel", function (event) {
    if (event.target.tagName === "DIALOG" && event.target.hasAttribute("data-copy-once")) { event.preventDefault(); }
  }, true);

  // Escape closes a native modal; take it out of the page too, so a reopened dialog starts fresh.
  // The close event arrives asynchronously: the close() in showDialogs queues one for a dialog that is modal
  // again by the time it fires, and that dialog must stay.
  document.addEventListener("close", function (event) {
    if (event.target.tagName === "DIALOG" && !event.target.open) {
      event.target.remove();
      returnFocus();
    }
  }, true);

  // A dialog that sends a change itself (the role removal) closes once the change is answered; the answer has
  // replaced its region on the page. An error answer leaves it open (the flash says why).
  document.addEventListener("htmx:afterRequest", function (event) {
    var dialog = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("dialog[data-close-after-request]") : null;
    if (dialog && event.detail.successful) {
      closeDialog(dialog);
      returnFocus();
    }
  });

  // ---- Confirmations (hx-confirm): one console dialog instead of the browser's confirm(), which cannot be styled,
  // names no action on its button and looks like a phishing prompt. The button says what it does ("Delete"), and the
  // request goes out only when it is pressed; Cancel, Escape or the backdrop send nothing.
  document.addEventListener("htmx:confirm", function (event) {
    var question = event.detail.question;
    if (!question) { return; }
    event.preventDefault();
    var opener = event.detail.elt;
    var dialog = document.createElement("dialog");
    dialog.className = "dialog confirm-dialog";
    dialog.setAttribute("data-testid", "confirm-dialog");
    dialog.setAttribute("aria-labelledby", "confirm-question");
    var text = document.createElement("p");
    text.id = "confirm-question";
    text.setAttribute("data-testid", "confirm-question");
    text.textContent = question;
    var actions = document.createElement("div");
    actions.className = "dialog-actions";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.textContent = "Cancel";
    cancel.setAttribute("data-testid", "confirm-cancel");
    var ok = document.createElement("button");
    ok.type = "button";
    ok.className = opener.classList.contains("danger") ? "danger" : "primary";
    ok.textContent = opener.getAttribute("data-confirm-label") || opener.textContent.trim() || "Confirm";
    ok.setAttribute("data-testid", "confirm-ok");
    actions.appendChild(cancel);
    actions.appendChild(ok);
    dialog.appendChild(text);
    dialog.appendChild(actions);
    document.body.appendChild(dialog);
    var confirmed = false;
    cancel.addEventListener("click", function () { dialog.close(); });
    ok.addEventListener("click", function () {
      confirmed = true;
      dialog.close();
      event.detail.issueRequest(true);
    });
    dialog.addEventListener("close", function () {
      if (!confirmed && opener.isConnected) { opener.focus(); }
    });
    dialog.showModal();
    cancel.focus();
  });

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
    var preset = event.target.closest("[data-scope-preset]");
    if (preset) {
      applyPreset(preset.closest("[data-scope-picker]"), preset);
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
