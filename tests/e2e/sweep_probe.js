// What tests/e2e/test_sweep.py asks of every page it visits, run by Playwright in the page
// (page.evaluate; Playwright's evaluation is not an inline script, so the CSP allows it).
// Opens every <details> first (what it hides must read too), then returns how wide the
// page is, the elements that stick out to the right, and the visible text whose colour is
// (nearly) the colour of the background behind it.
({ minContrast, limit }) => {
  for (const details of document.querySelectorAll("details")) details.open = true;
  const HTML = "http://www.w3.org/1999/xhtml";
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "OPTION", "OPTGROUP", "TITLE"]);
  const root = document.scrollingElement || document.documentElement;
  const width = root.clientWidth;
  const styles = new Map();

  function style(el) {
    let cs = styles.get(el);
    if (!cs) {
      cs = getComputedStyle(el);
      styles.set(el, cs);
    }
    return cs;
  }

  // A short selector a person can find the element by: up to three levels, stopping at an
  // id or a data-testid.
  function describe(el) {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 3; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) {
        parts.unshift(part + "#" + e.id);
        break;
      }
      if (e.dataset && e.dataset.testid) {
        parts.unshift(part + '[data-testid="' + e.dataset.testid + '"]');
        break;
      }
      const classes = Array.from(e.classList).slice(0, 3);
      if (classes.length) part += "." + classes.join(".");
      parts.unshift(part);
      if (e === document.body) break;
    }
    return parts.join(" > ");
  }

  function words(el) {
    return (el.innerText || el.textContent || el.value || "").replace(/\s+/g, " ").trim().slice(0, 60);
  }

  // --- Sideways scroll: the innermost elements that reach past the right edge --------------

  // Inside a box that clips or scrolls sideways (a .table-responsive), and that box fits:
  // the element scrolls in its box, not the page.
  function contained(el) {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const overflow = style(e).overflowX;
      if (overflow !== "visible" && e.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  }

  const wide = [];
  if (root.scrollWidth > width + 1) {
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1 && !contained(el)) out.push(el);
    }
    const sticking = new Set(out);
    for (const el of out) {
      const inner = Array.from(el.children).some((child) => sticking.has(child));
      if (!inner && wide.length < limit) {
        wide.push({
          selector: describe(el),
          right: Math.round(el.getBoundingClientRect().right),
          text: words(el),
        });
      }
    }
  }

  // --- Text the colour of its background -------------------------------------------------

  function rgba(value) {
    const m = /^rgba?\(([^)]*)\)$/.exec(value.trim());
    if (!m) return null; // another colour syntax: not judged
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }

  function over(top, below) {
    const a = top.a;
    return {
      r: top.r * a + below.r * (1 - a),
      g: top.g * a + below.g * (1 - a),
      b: top.b * a + below.b * (1 - a),
      a: 1,
    };
  }

  // The colour behind an element: its own background and its ancestors', composed until an
  // opaque one (the page's canvas is white). null when an image or gradient shows through.
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const cs = style(e);
      const colour = rgba(cs.backgroundColor);
      if (colour === null) return null;
      if (colour.a >= 1) {
        layers.push(colour);
        break;
      }
      if (cs.backgroundImage !== "none") return null;
      if (colour.a > 0) layers.push(colour);
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) result = over(layers[i], result);
    return result;
  }

  function luminance(c) {
    const [r, g, b] = [c.r, c.g, c.b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  // Seen on the screen: laid out, not hidden, not transparent, not clipped away (the
  // visually-hidden text for screen readers is clipped to a 1 px box).
  function shown(el) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;
    if (style(el).visibility !== "visible") return false;
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const cs = style(e);
      if (parseFloat(cs.opacity) === 0 || cs.clip !== "auto") return false;
      const box = e.getBoundingClientRect();
      if (cs.overflow !== "visible" && (box.width <= 1 || box.height <= 1)) return false;
    }
    return true;
  }

  function colourText(c) {
    return "rgb(" + [c.r, c.g, c.b].map(Math.round).join(", ") + (c.a < 1 ? ", " + c.a : "") + ")";
  }

  const faint = [];
  function judge(el) {
    if (faint.length >= limit || !shown(el)) return;
    const ink = rgba(style(el).color);
    const behind = background(el);
    if (ink === null || behind === null) return;
    const ratio = contrast(over(ink, behind), behind);
    if (ratio < minContrast) {
      faint.push({
        selector: describe(el),
        text: words(el),
        colour: colourText(ink),
        background: colourText(behind),
        ratio: Math.round(ratio * 100) / 100,
      });
    }
  }

  const judged = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || judged.has(el) || !node.nodeValue.trim()) continue;
    judged.add(el);
    if (el.namespaceURI === HTML && !SKIP.has(el.tagName)) judge(el);
  }
  // Form fields show their value as text too.
  for (const el of document.body.querySelectorAll("input, select, textarea")) {
    const type = (el.getAttribute("type") || "text").toLowerCase();
    const text = ["text", "email", "url", "search", "tel", "number", "date", "datetime-local"];
    if (el.tagName === "INPUT" && !text.includes(type)) continue;
    if (el.value && el.value.trim()) judge(el);
  }

  return { scrollWidth: root.scrollWidth, clientWidth: width, wide, faint };
}
