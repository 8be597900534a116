// @mention suggestions in internal comment fields (textarea[data-mentions]): typing "@"
// lists the people who may read the thread (the JSON the thread renders, named by the
// field's data-mentions), filtered as one types; Enter, Tab or a click puts "@Full Name "
// (or "@email " when a name is not unique) in the text. Without JavaScript the same text
// typed by hand resolves on the server. Delegated from the document, so it works in threads
// that htmx swaps in. No inline script or style: the CSP stays strict.
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  if (window.winnowMentions) return;
  window.winnowMentions = true;

  var MAX = 8;
  var state = null; // {field, list, start, items, active}

  function people(field) {
    var source = document.getElementById(field.dataset.mentions);
    if (!source) return [];
    try {
      return JSON.parse(source.textContent) || [];
    } catch (e) {
      return [];
    }
  }

  // The "@query" just before the caret, if the caret is in one: {start, query}.
  function mentionAt(field) {
    var caret = field.selectionStart;
    if (caret !== field.selectionEnd) return null;
    var before = field.value.slice(0, caret);
    var match = /(^|[\s(\[{])@([^@\n]{0,40})$/.exec(before);
    if (!match) return null;
    return { start: caret - match[2].length - 1, query: match[2].toLowerCase() };
  }

  function close() {
    if (!state) return;
    state.list.remove();
    state.field.removeAttribute("aria-activedescendant");
    state.field.setAttribute("aria-expanded", "false");
    state = null;
  }

  function choose(index) {
    if (!state) return;
    var person = state.items[index];
    var field = state.field;
    var caret = field.selectionStart;
    var text = "@" + person.handle + " ";
    field.value = field.value.slice(0, state.start) + text + field.value.slice(caret);
    var at = state.start + text.length;
    close();
    field.focus();
    field.setSelectionRange(at, at);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function highlight(index) {
    if (!state) return;
    state.active = index;
    var options = state.list.querySelectorAll("[role=option]");
    options.forEach(function (option, i) {
      var on = i === index;
      option.classList.toggle("active", on);
      option.setAttribute("aria-selected", on ? "true" : "false");
      if (on) state.field.setAttribute("aria-activedescendant", option.id);
    });
  }

  function open(field, found) {
    var everyone = people(field);
    var items = everyone.filter(function (p) {
      return (
        !found.query ||
        p.name.toLowerCase().indexOf(found.query) !== -1 ||
        p.email.toLowerCase().indexOf(found.query) !== -1
      );
    }).slice(0, MAX);
    close();
    if (!items.length) return;
    var list = document.createElement("ul");
    list.className = "list-group mention-suggestions";
    list.id = field.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", gettext("People who can read this thread"));
    items.forEach(function (person, i) {
      var option = document.createElement("li");
      option.className = "list-group-item list-group-item-action";
      option.id = list.id + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.textContent = person.name;
      var email = document.createElement("span");
      email.className = "small text-body-secondary ms-2";
      email.textContent = person.email;
      option.appendChild(name);
      option.appendChild(email);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
        choose(i);
      });
      list.appendChild(option);
    });
    field.insertAdjacentElement("afterend", list);
    field.setAttribute("aria-controls", list.id);
    field.setAttribute("aria-expanded", "true");
    state = { field: field, list: list, start: found.start, items: items, active: 0 };
    highlight(0);
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[data-mentions]")) return;
    var found = mentionAt(field);
    if (found) open(field, found);
    else close();
  });

  document.addEventListener("keydown", function (event) {
    if (!state || event.target !== state.field) return;
    var count = state.items.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((state.active + 1) % count);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight((state.active - 1 + count) % count);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(state.active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });

  document.addEventListener("focusout", function (event) {
    if (state && event.target === state.field) close();
  });
  document.addEventListener("htmx:beforeSwap", close);
})();
