// state.js — the page's state is the URL's fragment (#view=events&actor=RUS):
// the views, the filters each applies, moving between states, and the
// helpers every view shares (downloads, error messages).
import { toCSV, download } from "./api.js";
import { el } from "./dom.js";

export const hooks = { render: () => {} };

const EVENT_FILTERS = [
  "actor",
  "dyad",
  "cameo",
  "plover",
  "quad",
  "goldstein",
  "from",
  "to",
  "bbox",
  "publisher",
  "q",
  "merged",
];

// name -> label, the filters it applies, the function that draws it
export const VIEWS = {
  overview: { label: "Overview", filters: EVENT_FILTERS },
  network: { label: "Network", filters: EVENT_FILTERS },
  map: { label: "Map", filters: EVENT_FILTERS },
  events: { label: "Events", filters: EVENT_FILTERS },
  article: { label: "Article", filters: [] },
  quotes: { label: "Quotes", filters: ["speaker", "q", "from", "to"] },
  search: { label: "Search", filters: ["q", "fts", "from", "to"] },
};

// The filter bar's fields: name, label, kind, help.
export const FIELDS = [
  ["actor", "actor", "text", "actor code or prefix: RUS, USAGOV"],
  ["dyad", "dyad", "text", "A:B (A on B) or A~B (either way)"],
  ["cameo", "CAMEO", "text", "code or prefix: 13, 043"],
  [
    "plover",
    "PLOVER",
    "select",
    [
      "",
      "ACCUSE",
      "AGREE",
      "AID",
      "ASSAULT",
      "COERCE",
      "CONCEDE",
      "CONSULT",
      "COOPERATE",
      "MOBILIZE",
      "PROTEST",
      "REJECT",
      "REQUEST",
      "RETREAT",
      "SANCTION",
      "SUPPORT",
      "THREATEN",
    ],
  ],
  ["quad", "QuadClass", "select", ["", "1", "2", "3", "4"]],
  ["goldstein", "Goldstein", "text", "MIN,MAX within -10..10"],
  ["from", "from", "date", ""],
  ["to", "to", "date", ""],
  ["bbox", "box S,W,N,E", "text", "south,west,north,east"],
  ["publisher", "publisher", "text", "nyt, breitbart, ..."],
  ["q", "text", "text", "words (punctuation is fine)"],
  ["speaker", "speaker", "text", "name or actor code"],
  ["merged", "merged", "checkbox", "one row per event across articles"],
  ["fts", "FTS syntax", "checkbox", 'advanced: OR, NOT, "phrase", prefix*'],
];
const STATE_KEYS = [...FIELDS.map((f) => f[0]), "view", "offset", "sort", "doc", "sentence", "bin"];

export function state() {
  const p = new URLSearchParams(location.hash.slice(1));
  const s = {};
  for (const k of STATE_KEYS) if (p.get(k)) s[k] = p.get(k);
  if (!VIEWS[s.view]) s.view = "overview";
  return s;
}

// Moves to a new state (a new history entry): patch values of "" or null drop a key.
export function go(patch) {
  const s = { ...state(), ...patch };
  const p = new URLSearchParams();
  for (const k of STATE_KEYS)
    if (s[k] !== undefined && s[k] !== null && s[k] !== "") p.set(k, s[k]);
  const h = "#" + p.toString();
  if (h !== location.hash) location.hash = h;
  else hooks.render();
}

// The API parameters of the current state that `view` applies.
export function params(s, view = s.view) {
  const out = {};
  for (const f of VIEWS[view].filters) if (s[f]) out[f] = s[f];
  if (out.merged) out.merged = "1";
  if (out.fts) out.fts = "1";
  return out;
}

// Download buttons for rows (CSV and JSON), named after the view.
export function downloads(name, rows) {
  return el(
    "span",
    { class: "tools" },
    el(
      "button",
      {
        type: "button",
        class: "csv",
        onclick: () => download(`${name}.csv`, toCSV(rows()), "text/csv"),
      },
      "CSV",
    ),
    el(
      "button",
      {
        type: "button",
        class: "json",
        onclick: () =>
          download(`${name}.json`, JSON.stringify(rows(), null, 1), "application/json"),
      },
      "JSON",
    ),
  );
}

export function showError(root, e) {
  root.append(
    el("div", { class: "error", role: "alert" }, e.param ? `${e.param}: ${e.message}` : e.message),
  );
  if (e.param) {
    const f = document.querySelector(`#filters [name="${e.param}"]`);
    if (f) f.closest("label").classList.add("bad");
  }
}
