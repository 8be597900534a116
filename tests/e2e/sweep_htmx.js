// The htmx requests a page makes, made once each by tests/e2e/test_sweep.py (through
// page.evaluate): every search or filter form (hx-get, "submit"), the first sorting or paging
// link (hx-get, "click"), and one save of each autosave as it stands (hx-post on "change":
// an answer, the offered references, a review's draft), so the partial each one swaps in is
// checked too. Nothing that adds or removes. Returns one line per request: what was triggered
// and how it ended ("settled", "error", or "no answer" after `timeout` ms).
async ({ timeout }) => {
  if (!window.htmx) return [];
  const first = (selector) => Array.from(document.querySelectorAll(selector)).slice(0, 1);
  const autosaves = Array.from(document.querySelectorAll("[hx-post][hx-trigger*='change']"));
  const kinds = new Set();
  const targets = [
    ...Array.from(document.querySelectorAll("form[hx-get]")).map((el) => [el, "submit"]),
    ...first("a[hx-get]").map((el) => [el, "click"]),
    // One of each kind of autosave (the first question stands for the others).
    ...autosaves
      .filter((el) => {
        const kind = el.getAttribute("hx-post").replace(/\/[^/]+\/$/, "");
        if (kinds.has(kind)) return false;
        kinds.add(kind);
        return true;
      })
      .map((el) => [el, "change"]),
  ];

  function named(el) {
    const id = el.id ? "#" + el.id : "";
    return el.tagName.toLowerCase() + id + " " + (el.getAttribute("hx-get") || el.getAttribute("hx-post"));
  }

  const done = [];
  for (const [el, event] of targets) {
    if (!el.isConnected) continue; // swapped away by an earlier request
    const name = named(el);
    const ended = new Promise((resolve) => {
      const timer = setTimeout(() => finish("no answer"), timeout);
      const handlers = {
        "htmx:afterSettle": () => finish("settled"),
        // A request that swaps nothing never settles: give it a moment after its answer.
        "htmx:afterRequest": (e) =>
          e.detail.successful ? setTimeout(() => finish("settled"), 200) : finish("error"),
        "htmx:sendError": () => finish("error"),
        "htmx:swapError": () => finish("error"),
      };
      function finish(how) {
        clearTimeout(timer);
        for (const [type, handler] of Object.entries(handlers)) {
          document.removeEventListener(type, handler);
        }
        resolve(how);
      }
      for (const [type, handler] of Object.entries(handlers)) {
        document.addEventListener(type, handler);
      }
    });
    window.htmx.trigger(el, event);
    done.push(name + " (" + event + "): " + (await ended));
  }
  return done;
}
