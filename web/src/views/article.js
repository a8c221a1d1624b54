// article.js — one document whole, every layer highlighted (actors,
// timexes, places, quotes, events' evidence), its metadata, and for the
// sentence clicked (or given in the URL) the stored reasons behind each
// actor and event (/api/explain). Offsets from the store are UTF-8 bytes.
import { api } from "../api.js";
import { el, fmt } from "../dom.js";
import { go, downloads } from "../state.js";

const LAYERS = [
  ["actors", "actor", (a) => `actor ${a.code || "?"} (${a.kind || ""}) ${a.name || ""}`],
  ["timexes", "timex", (t) => `time ${t.type || ""} ${t.value || ""}`],
  [
    "places",
    "place",
    (p) => `place ${p.name || ""} ${p.country || ""} ${p.lat ?? ""},${p.lon ?? ""}`,
  ],
  ["quotes", "quote", (q) => `quote (${q.kind || ""}) by ${q.speaker_name || q.speaker || "?"}`],
  [
    "events",
    "event",
    (e) => `event ${e.source || "—"} ${e.cameo || ""} ${e.plover || ""} ${e.target || "—"}`,
  ],
];

// byte offset -> UTF-16 index of a JavaScript string
function byteIndex(text) {
  const map = [];
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map.push(i);
    i += ch.length;
  }
  map.push(i);
  return (b) => map[Math.max(0, Math.min(map.length - 1, b))];
}

export async function article(root, s, current) {
  if (!s.doc) {
    root.append(
      el("p", { class: "muted" }, "Open an article from the Events, Search or Quotes view."),
    );
    return;
  }
  const d = await api("documents/" + encodeURIComponent(s.doc));
  if (!current()) return;
  const text = d.document.text;
  const at = byteIndex(text);
  const spans = [];
  for (const [layer, cls, title] of LAYERS) {
    for (const r of d[layer]) {
      const a = layer === "events" ? r.evidence_start : r.start,
        b = layer === "events" ? r.evidence_end : r.end;
      if (a == null || b == null || b <= a) continue;
      spans.push({ a: at(a), b: at(b), cls: "l-" + cls, title: title(r), sentence: r.sentence });
    }
  }
  const meta = d.document;
  const toggles = el(
    "div",
    { class: "legend tools" },
    "layers:",
    LAYERS.map(([layer, cls]) =>
      el(
        "label",
        {},
        el("input", {
          type: "checkbox",
          checked: true,
          onchange: (e) => body.classList.toggle("hide-" + cls, !e.target.checked),
        }),
        el("span", { class: "l-" + cls }, `${layer} (${d[layer].length})`),
      ),
    ),
  );
  const body = el("div", { class: "article", id: "article" });
  const side = el(
    "div",
    { class: "side explain", id: "explain" },
    el("p", { class: "muted" }, "Click a sentence for the reasons behind its actors and events."),
  );
  root.append(
    el("h2", {}, meta.title || meta.id),
    el(
      "p",
      { class: "muted" },
      [
        meta.date,
        meta.publisher,
        meta.url
          ? el("a", { href: meta.url, rel: "noreferrer noopener", target: "_blank" }, meta.url)
          : null,
        meta.id,
      ]
        .filter(Boolean)
        .flatMap((x, i) => (i ? [" · ", x] : [x])),
    ),
    toggles,
    downloads("article-" + meta.id, () => d.events),
    el("div", { class: "split" }, body, side),
  );
  let para = null,
    lastPara = -1;
  let focus = null;
  for (const sent of d.sentences) {
    if (sent.paragraph !== lastPara) {
      para = el("p");
      body.append(para);
      lastPara = sent.paragraph;
    }
    const a = at(sent.start),
      b = at(sent.end);
    const node = el("span", {
      class: "s",
      "data-sentence": sent.idx,
      onclick: () => go({ sentence: sent.idx }),
    });
    const mine = spans.filter((x) => x.a < b && x.b > a);
    const cuts = [
      ...new Set([a, b, ...mine.flatMap((x) => [x.a, x.b]).filter((x) => x > a && x < b)]),
    ].sort((x, y) => x - y);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const on = mine.filter((x) => x.a <= cuts[k] && x.b >= cuts[k + 1]);
      const piece = text.slice(cuts[k], cuts[k + 1]);
      node.append(
        on.length
          ? el(
              "span",
              { class: on.map((x) => x.cls).join(" "), title: on.map((x) => x.title).join("\n") },
              piece,
            )
          : piece,
      );
    }
    para.append(node, " ");
    if (String(sent.idx) === s.sentence) focus = node;
  }
  if (focus) {
    focus.classList.add("focus");
    focus.scrollIntoView({ block: "center" });
    await explain(side, meta.id, s.sentence);
  }
}

async function explain(side, doc, sentence) {
  const x = await api("explain", { doc, sentence });
  const list = (title, rows, line) =>
    rows.length
      ? [
          el("h4", {}, `${title} (${rows.length})`),
          el(
            "ul",
            {},
            rows.map((r) => el("li", {}, line(r))),
          ),
        ]
      : [];
  side.replaceChildren(
    el("h3", {}, `Sentence ${sentence}`),
    el("p", {}, x.sentences[0].text),
    ...list("events", x.events, (e) => [
      el("b", {}, `${e.source || "—"} ${e.cameo} ${e.plover || ""} ${e.target || "—"}`),
      ` ${e.date || ""} Goldstein ${e.goldstein} Q${e.quad}${e.negated ? " (negated)" : ""}${e.modality ? ` (${e.modality})` : ""}; trigger “${e.trigger || ""}” ← `,
      el("code", {}, e.why || ""),
    ]),
    ...list("actors", x.actors, (a) => [
      el("b", {}, a.text),
      ` → ${a.code || "no code"} ${a.kind}${a.name ? " " + a.name : ""} ← `,
      el("code", {}, a.why || ""),
    ]),
    ...list("times", x.timexes, (t) => [el("b", {}, t.text), ` → ${t.value || ""} (${t.type})`]),
    ...list("places", x.places, (p) => [
      el("b", {}, p.text),
      ` → ${p.name || ""}, ${p.country || ""} (${p.lat ?? ""}, ${p.lon ?? ""})`,
    ]),
    ...list("quotes", x.quotes, (q) => [
      `${q.speaker_name || q.speaker || "?"} ${q.cue || ""}: `,
      el("i", {}, q.text),
    ]),
    el(
      "p",
      { class: "muted" },
      'Reasons as stored at ingest; `dateline explain "…"` reruns the pipeline with every token.',
    ),
  );
  void fmt;
}
