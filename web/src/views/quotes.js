// quotes.js — quotations by speaker, paged; with a speaker chosen, that
// speaker's events beside them.
import { api } from "../api.js";
import { el, fmt, marked } from "../dom.js";
import { go, params, downloads } from "../state.js";
import { eventTable, pager, PAGE } from "./events.js";

export async function quotes(root, s, current) {
  const page = await api("quotes", {
    ...params(s, "quotes"),
    limit: PAGE,
    offset: s.offset,
    sort: s.sort === "date" ? "date" : "-date",
  });
  if (!current()) return;
  const table = el(
    "table",
    { id: "quotes" },
    el(
      "tr",
      {},
      el("th", {}, "date"),
      el("th", {}, "speaker"),
      el("th", {}, "cue"),
      el("th", {}, "quotation"),
      el("th", {}, ""),
    ),
    page.rows.map((q) =>
      el(
        "tr",
        {},
        el("td", {}, q.date),
        el(
          "td",
          {},
          el(
            "a",
            { class: "drill", onclick: () => go({ speaker: q.code || q.speaker, offset: "" }) },
            q.speaker || "?",
          ),
          q.code ? el("div", { class: "muted" }, q.code) : null,
        ),
        el("td", {}, q.cue || ""),
        el("td", { class: "ev" }, marked(q.quote)),
        el(
          "td",
          {},
          el(
            "a",
            {
              class: "drill",
              href:
                "#" + new URLSearchParams({ view: "article", doc: q.doc, sentence: q.sentence }),
            },
            "article ›",
          ),
        ),
      ),
    ),
  );
  const main = el(
    "div",
    {},
    el(
      "div",
      { class: "tools" },
      el("b", { id: "total" }, `${fmt(page.total)} quotations`),
      downloads("quotes", () => page.rows),
    ),
    pager(page, s),
    table,
    pager(page, s),
  );
  const code =
    s.speaker && /^[A-Za-z0-9]+$/.test(s.speaker)
      ? page.rows.find((q) => q.code)?.code || null
      : null;
  if (!code) {
    root.append(main);
    return;
  }
  const ev = await api("events", { actor: code, from: s.from, to: s.to, limit: 20, sort: "-date" });
  if (!current()) return;
  root.append(
    el(
      "div",
      { class: "split" },
      main,
      el(
        "div",
        { class: "side" },
        el("h3", {}, `${code}: ${fmt(ev.total)} events`),
        eventTable(ev.rows, { sort: "-date" }, false),
      ),
    ),
  );
}
