// Winnow's page behaviour. Loaded from our own origin: the CSP allows no inline script.
(function () {
  "use strict";

  // Words in the page's language: Django's JavaScript catalogue (/jsi18n/, loaded before
  // this file) defines gettext, ngettext and interpolate; without it, English.
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return values[name]; });
  };
  var LANG = document.documentElement.lang || "en";

  // Text limits, the same rule as the server's (vetting/limits.py). A field with data-limit
  // keeps everything typed or pasted: the page never sets maxlength, which cuts a paste
  // without a word. The line under it counts characters as the server does (a line break
  // is one, blank space around the text none) and, past the limit, says by how much and
  // marks the field invalid; the server refuses it with the same words. Single-line fields
  // say something only when they are too long.
  function formatCount(n) { return n.toLocaleString(LANG); }
  function textLength(value) { return Array.from(value.replace(/\r\n/g, "\n").trim()).length; }
  function tooLongMessage(limit, length) {
    var over = length - limit;
    return interpolate(ngettext(
      "%(over)s character too long: the limit is %(limit)s.",
      "%(over)s characters too long: the limit is %(limit)s.", over),
      { over: formatCount(over), limit: formatCount(limit) }, true);
  }
  // With the line under the field saying it live, the server's refusal of the same length
  // next to it (which goes stale at the next keystroke) is not repeated.
  // The server says it with the same words (vetting/limits.py), in the page's language.
  function tooLongPattern(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%\\\(\w+\\\)s/g, "[\\d.,\\s\u00a0\u202f']+");
  }
  var TOO_LONG = new RegExp("^(" + [
    ngettext("%(over)s character too long: the limit is %(limit)s.",
      "%(over)s characters too long: the limit is %(limit)s.", 1),
    ngettext("%(over)s character too long: the limit is %(limit)s.",
      "%(over)s characters too long: the limit is %(limit)s.", 2)
  ].map(tooLongPattern).join("|") + ")$");
  function hideServerRepeats(field) {
    var boxes = (field.getAttribute("aria-describedby") || "").split(" ").map(function (id) {
      return id && document.getElementById(id);
    });
    if (field.parentElement) {
      boxes = boxes.concat(Array.from(field.parentElement.querySelectorAll(".invalid-feedback")));
    }
    boxes.forEach(function (box) {
      if (!box || box.classList.contains("char-count")) return;
      var messages = box.children.length ? Array.from(box.children) : [box];
      messages.forEach(function (element) {
        if (TOO_LONG.test(element.textContent.trim())) element.hidden = true;
      });
    });
  }
  function attachLimits(root) {
    document.querySelectorAll("[data-limit-shown]").forEach(hideServerRepeats);
    var fields = Array.from(root.querySelectorAll("[data-limit]"));
    if (root.matches && root.matches("[data-limit]")) fields.push(root);
    fields.forEach(function (field) {
      if (field.dataset.limitShown) return;
      field.dataset.limitShown = "1";
      var limit = parseInt(field.dataset.limit, 10);
      var min = parseInt(field.dataset.min || "0", 10);
      var counted = field.tagName === "TEXTAREA";
      var note = document.createElement("div");
      note.id = (field.id || field.name) + "-limit";
      note.className = "char-count";
      // Under the field, or under its input group (a button beside it), never inside it.
      (field.closest(".input-group") || field).insertAdjacentElement("afterend", note);
      // Announced once when the text goes over the limit (and back), not at every keystroke.
      var live = document.createElement("div");
      live.className = "visually-hidden";
      live.setAttribute("aria-live", "polite");
      note.insertAdjacentElement("afterend", live);
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described.push(note.id);
      field.setAttribute("aria-describedby", described.join(" "));
      var wasOver = false;
      var marked = false;  // the field is marked invalid by this line, not by the server
      function update() {
        var used = textLength(field.value);
        var over = used > limit;
        if (over) {
          note.textContent = tooLongMessage(limit, used);
        } else if (counted) {
          note.textContent = interpolate(
            min && used < min ? gettext("%(used)s / %(limit)s characters (at least %(min)s)")
              : gettext("%(used)s / %(limit)s characters"),
            { used: formatCount(used), limit: formatCount(limit), min: formatCount(min) }, true);
        } else {
          note.textContent = "";
        }
        note.hidden = !note.textContent;
        note.classList.toggle("over", over);
        note.classList.toggle("text-end", !over);  // a count sits right; a refusal reads first
        if (over) {
          field.classList.add("is-invalid");
          field.setAttribute("aria-invalid", "true");
          marked = true;
        } else if (marked) {
          field.classList.remove("is-invalid");
          field.removeAttribute("aria-invalid");
          marked = false;
        }
        if (over !== wasOver) {
          live.textContent = over ? note.textContent : gettext("Within the limit again.");
          wasOver = over;
        }
      }
      field.addEventListener("input", update);
      update();
      hideServerRepeats(field);
      live.textContent = "";  // nothing to announce about the text the page loaded with
    });
  }

  // Buttons with data-confirm ask before submitting their form.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // The question builder shows only the settings that apply to the kind chosen (the
  // server clears the others anyway, so without this script nothing goes wrong).
  function syncKinds() {
    document.querySelectorAll("form[data-kind-form]").forEach(function (form) {
      var select = form.querySelector("select[name=kind]");
      if (!select) { return; }
      form.querySelectorAll("[data-kinds]").forEach(function (part) {
        part.hidden = part.dataset.kinds.split(" ").indexOf(select.value) < 0;
      });
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("form[data-kind-form] select[name=kind]")) {
      syncKinds();
    }
  });

  // Buttons with data-print open the browser's print dialog (the reports' print stylesheet).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  // Selects and checkboxes inside a form marked data-autosubmit submit it when changed.
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && event.target.matches("select, input[type=checkbox], input[type=radio]")) {
      if (window.htmx && form.hasAttribute("hx-get")) {
        window.htmx.trigger(form, "submit");
      } else {
        form.requestSubmit();
      }
    }
  });

  // The ranking's "compare" ticks: at most four fit side by side, so once four are ticked
  // the other boxes are disabled and the hint says why (the server refuses more anyway).
  var COMPARE_MAX = 4;
  function syncCompare(root) {
    var hint = root.querySelector("[data-compare-hint]");
    if (!hint) return;
    var boxes = root.querySelectorAll("#compare-form input[type=checkbox][name=s]");
    var ticked = 0;
    boxes.forEach(function (box) { if (box.checked) ticked += 1; });
    boxes.forEach(function (box) { box.disabled = !box.checked && ticked >= COMPARE_MAX; });
    if (ticked === 0) {
      hint.textContent = gettext("Tick two to four to compare.");
    } else if (ticked < COMPARE_MAX) {
      hint.textContent = interpolate(gettext("%(ticked)s ticked (two to four)."),
        { ticked: ticked }, true);
    } else {
      hint.textContent = gettext(
        "4 ticked, the most that fit side by side: untick one to pick another.");
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("#compare-form input[type=checkbox][name=s]")) syncCompare(document);
  });

  // An errors box swapped in by htmx (data-invalid-fields) marks the fields it names as
  // invalid, and the others it covers (data-fields) as valid again; the fields are not
  // swapped themselves, so that nothing being typed is lost.
  function syncFieldErrors(root) {
    root.querySelectorAll("[data-invalid-fields]").forEach(function (box) {
      var form = document.getElementById(box.dataset.form);
      if (!form) return;
      var invalid = box.dataset.invalidFields.split(" ");
      box.dataset.fields.split(" ").forEach(function (name) {
        var field = form.elements[name];
        if (!field) return;
        var bad = invalid.indexOf(name) !== -1;
        field.classList.toggle("is-invalid", bad);
        if (bad) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
      });
    });
  }
  document.addEventListener("htmx:oobAfterSwap", function () {
    syncFieldErrors(document);
    attachLimits(document);
  });

  // The engagement form shows the running total of the criterion weights.
  function attachWeights(root) {
    root.querySelectorAll("[data-weights]").forEach(function (box) {
      var total = box.querySelector("[data-weights-total]");
      function update() {
        var sum = 0;
        box.querySelectorAll("input.weight-input").forEach(function (input) {
          sum += parseInt(input.value, 10) || 0;
        });
        total.textContent = sum === 100 ? sum + "%"
          : interpolate(gettext("%(sum)s (must be %(full)s)"), { sum: sum + "%", full: "100%" }, true);
        total.classList.toggle("text-danger", sum !== 100);
        total.classList.toggle("text-success", sum === 100);
      }
      box.addEventListener("input", update);
      // Another template's criteria swapped in (htmx): count them.
      document.addEventListener("htmx:afterSettle", update);
      update();
    });
  }

  // An autosave that fails (network, server) says so where the "Saved" status shows;
  // what was typed stays in the field and the next keystroke tries again.
  function saveFailed(event) {
    var target = event.detail && event.detail.target;
    if (target && target.classList && target.classList.contains("save-status")) {
      target.textContent = gettext("Not saved: the connection or the server failed. Your " +
        "text is still here; keep typing or press Save draft to try again.");
      target.classList.add("text-danger");
    }
  }
  document.addEventListener("htmx:responseError", saveFailed);
  document.addEventListener("htmx:sendError", saveFailed);
  document.addEventListener("htmx:afterRequest", function (event) {
    var target = event.detail && event.detail.target;
    if (event.detail.successful && target && target.classList) {
      target.classList.remove("text-danger");
    }
  });

  // "Keep mine" in an answer's conflict box: the box empties once saved, taking the focused
  // button with it; put the keyboard back in the answer's field rather than at the top.
  var refocusField = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var button = event.detail.elt.closest && event.detail.elt.closest("[data-refocus]");
    if (button) refocusField = "id_" + button.dataset.refocus;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!refocusField) return;
    var active = document.activeElement;
    if (!active || active === document.body || !document.body.contains(active)) {
      var field = document.getElementById(refocusField) ||
        document.getElementById(refocusField + "-0-what");
      if (field) field.focus();
    }
    refocusField = null;
  });

  // Adding or removing an accomplishment re-renders the question whole (outerHTML), taking
  // the pressed button with it and the keyboard back to the top of the page: put the focus
  // in the first field of the new row, or after a removal of the last row left.
  var rowFocus = null;
  function accomplishmentRows(selector) {
    var question = document.querySelector(selector);
    return question ? question.querySelectorAll("[data-testid=accomplishment-rows] > fieldset") : [];
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var button = event.detail.elt.closest && event.detail.elt.closest("[data-row-action]");
    if (!button) return;
    var selector = button.getAttribute("hx-target");
    rowFocus = { selector: selector, rows: accomplishmentRows(selector).length };
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!rowFocus) return;
    var rows = accomplishmentRows(rowFocus.selector);
    if (!rows.length || rows.length === rowFocus.rows) return;  // another swap settled first
    rowFocus = null;
    var field = rows[rows.length - 1].querySelector("select, textarea, input:not([type=hidden])");
    if (field) field.focus();
  });

  // Reference forms: "how did you work together?" matters only when the referee says the
  // claimed relationship is not quite right.
  function syncRelationship() {
    var choice = document.querySelector("input[name=relationship_confirmed]:checked");
    var block = document.getElementById("div_id_relationship");
    if (block) block.hidden = !!choice && choice.value === "yes";
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "relationship_confirmed") syncRelationship();
  });

  // The ranking's criteria bars: each row lists its values in the criteria's order ("95%,
  // 49%, no data, ..."), and the column's key names the criteria once; this names each
  // row's bars with both, read out and shown on hover ("1 Social media experience: 95%,").
  // Fifty rows of the same seven names were a fifth of the page.
  function nameCriteriaBars(root) {
    root.querySelectorAll("table.ranking").forEach(function (table) {
      var names = Array.prototype.map.call(
        table.querySelectorAll(".crit-key [title]"), function (key) { return key.title; });
      table.querySelectorAll(".cb[title]:not([data-named])").forEach(function (bars) {
        bars.title = bars.title.split(", ").map(function (value, i) {
          return (i + 1) + " " + names[i] + ": " + value;
        }).join(",\n");
        bars.setAttribute("data-named", "");
      });
    });
  }

  // Evidence files: choosing a file uploads it (templates/submissions/evidence_attach.html).
  // The choice must not also reach the question's autosave ("change" bubbles up to it): the
  // two would save the same version at once and one would be refused as stale. So the
  // change stops at the document (capture phase) and the field is sent "evidence-chosen",
  // its own trigger. Its progress bar follows the upload.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-evidence-upload]")) return;
    event.stopPropagation();
    if (window.htmx && input.files && input.files.length) {
      window.htmx.trigger(input, "evidence-chosen");
    }
  }, true);
  document.addEventListener("htmx:xhr:progress", function (event) {
    var input = event.target;
    var id = input && input.getAttribute && input.getAttribute("data-progress");
    var bar = id && document.getElementById(id);
    if (bar && event.detail && event.detail.lengthComputable) {
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });

  // A box that scrolls (a wide table on a phone, a long answer clipped, a webhook's body)
  // with nothing focusable inside cannot be scrolled from the keyboard: it takes the focus
  // itself (Tab, then the arrow keys), named after its table's caption or its heading.
  function focusableScrollers(root) {
    root.querySelectorAll(".table-responsive, .answer-clip, pre").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      var mine = box.dataset.scrollFocus === "1";
      if (!scrolls) {
        if (mine) {
          ["tabindex", "role", "aria-label", "data-scroll-focus"].forEach(function (name) {
            box.removeAttribute(name);
          });
        }
        return;
      }
      if (box.hasAttribute("tabindex") || box.querySelector("a[href], button, input, select, textarea, [tabindex]")) return;
      box.setAttribute("tabindex", "0");
      box.dataset.scrollFocus = "1";
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("role")) {
        var caption = box.querySelector("caption");
        var section = box.closest("section, .card, td");
        var heading = section && section.querySelector("h2, h3, h4, h5, h6");
        var name = (caption || heading || {}).textContent || "";
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", interpolate(gettext("Scrolls: %(name)s"),
          { name: name.trim().replace(/\s+/g, " ").slice(0, 80) || gettext("content") }, true));
      }
    });
  }
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { focusableScrollers(document); }, 200);
  });
  document.addEventListener("htmx:afterSettle", function () { focusableScrollers(document); });

  document.addEventListener("DOMContentLoaded", function () {
    syncRelationship();
    focusableScrollers(document);
    nameCriteriaBars(document);
    attachLimits(document);
    attachWeights(document);
    syncCompare(document);
    syncKinds();
  });
  document.addEventListener("htmx:afterSwap", function () {
    attachLimits(document);  // a question re-rendered whole (outerHTML) is not the target
    syncCompare(document);
    nameCriteriaBars(document);
  });
})();
