// dom.js — building elements without ever parsing text as HTML: every
// string from the store goes in with textContent.
export function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return e;
}

// Text with the search marks U+0002 ... U+0003 as <mark> elements.
export function marked(text) {
  const frag = document.createDocumentFragment();
  // the marks the API puts around matches are control characters on purpose
  // eslint-disable-next-line no-control-regex
  const parts = String(text || "").split(/([\u0002\u0003])/);
  let on = false;
  for (const p of parts) {
    if (p === "\u0002") on = true;
    else if (p === "\u0003") on = false;
    else if (p) frag.append(on ? el("mark", {}, p) : document.createTextNode(p));
  }
  return frag;
}

// Text with the first occurrence of each of `spans` ([text, class]) wrapped.
export function highlighted(text, spans) {
  text = String(text || "");
  const marks = [];
  for (const [s, cls] of spans) {
    if (!s) continue;
    const i = text.indexOf(s);
    if (i < 0) continue;
    if (marks.some((m) => i < m.end && i + s.length > m.start)) continue;
    marks.push({ start: i, end: i + s.length, cls });
  }
  marks.sort((a, b) => a.start - b.start);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const m of marks) {
    frag.append(text.slice(at, m.start), el("span", { class: m.cls }, text.slice(m.start, m.end)));
    at = m.end;
  }
  frag.append(text.slice(at));
  return frag;
}

export const fmt = (n) => (typeof n === "number" ? n.toLocaleString("en-US") : (n ?? ""));
