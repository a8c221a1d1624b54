// events.js — the paged events table: the total, sortable columns (date,
// Goldstein; with merged also mentions and sources), newest first; each
// row's evidence with source, trigger, target and place highlighted, and a
// link to its article.
import { api } from "../api.js";
import { el, fmt, highlighted } from "../dom.js";
import { go, params, downloads } from "../state.js";

export const PAGE = 50;

export function eventTable(rows, s, sortable = true) {
  const merged = !!s.merged;
  const sort = s.sort || "-date";
  const head = (key, label) => {
    if (!sortable) return el("th", {}, label);
    const on = sort.replace("-", "") === key;
    const next = on && sort.startsWith("-") ? key : "-" + key;
    return el(
      "th",
      { class: "sort", "data-sort": key, onclick: () => go({ sort: next, offset: "" }) },
      label + (on ? (sort.startsWith("-") ? " ▼" : " ▲") : ""),
    );
  };
  const cols = [
    head("date", "date"),
    el("th", {}, "source"),
    el("th", {}, "event"),
    el("th", {}, "target"),
    head("goldstein", "Goldstein"),
    el("th", {}, "Q"),
    el("th", {}, "place"),
  ];
  if (merged)
    cols.push(
      head("mentions", "mentions"),
      head("sources", "sources"),
      el("th", {}, "first article"),
    );
  else cols.push(el("th", {}, "evidence"));
  return el(
    "table",
    { id: "events" },
    el("tr", {}, cols),
    rows.map((r) => {
      const tds = [
        el("td", {}, r.date),
        el(
          "td",
          {},
          r.source
            ? el(
                "a",
                { class: "drill", onclick: () => go({ actor: r.source, offset: "" }) },
                r.source,
              )
            : "—",
        ),
        el(
          "td",
          {},
          el(
            "a",
            {
              class: "drill",
              title: "events with this CAMEO code",
              onclick: () => go({ cameo: r.cameo, offset: "" }),
            },
            r.cameo,
          ),
          " ",
          r.plover || "",
        ),
        el(
          "td",
          {},
          r.target
            ? el(
                "a",
                { class: "drill", onclick: () => go({ actor: r.target, offset: "" }) },
                r.target,
              )
            : "—",
        ),
        el("td", { class: "num" }, r.goldstein),
        el("td", { class: "q" + r.quad }, r.quad),
        el("td", {}, r.place || ""),
      ];
      if (merged) {
        tds.push(
          el("td", { class: "num" }, fmt(r.mentions)),
          el("td", { class: "num" }, fmt(r.sources)),
          el(
            "td",
            {},
            el(
              "a",
              {
                class: "drill",
                href: "#" + new URLSearchParams({ view: "article", doc: r.first_doc }),
              },
              r.first_doc,
            ),
          ),
        );
      } else {
        tds.push(
          el(
            "td",
            { class: "ev" },
            highlighted(r.evidence, [
              [r.source_text, "hl-source"],
              [r.target_text, "hl-target"],
              [r.trigger, "hl-trigger"],
              [r.place, "hl-place"],
            ]),
            " ",
            el(
              "a",
              {
                class: "drill article-link",
                href:
                  "#" + new URLSearchParams({ view: "article", doc: r.doc, sentence: r.sentence }),
              },
              "article ›",
            ),
          ),
        );
      }
      return el("tr", {}, tds);
    }),
  );
}

export function pager(page, s) {
  const offset = page.offset,
    n = page.rows.length;
  return el(
    "div",
    { class: "pager" },
    el(
      "button",
      {
        type: "button",
        class: "prev",
        disabled: offset === 0,
        onclick: () => go({ offset: Math.max(0, offset - page.limit) || "" }),
      },
      "‹ previous",
    ),
    el(
      "span",
      { class: "range" },
      n ? `${fmt(offset + 1)}–${fmt(offset + n)} of ${fmt(page.total)}` : `0 of ${fmt(page.total)}`,
    ),
    el(
      "button",
      {
        type: "button",
        class: "next",
        disabled: offset + n >= page.total,
        onclick: () => go({ offset: offset + page.limit }),
      },
      "next ›",
    ),
  );
}

export async function events(root, s, current) {
  const page = await api("events", {
    ...params(s, "events"),
    limit: PAGE,
    offset: s.offset,
    sort: s.sort,
  });
  if (!current()) return;
  root.append(
    el(
      "div",
      { class: "tools" },
      el("b", { id: "total" }, `${fmt(page.total)} events`),
      downloads("events", () => page.rows),
      el(
        "span",
        { class: "legend muted" },
        el("span", { class: "hl-source" }, "source"),
        el("span", { class: "hl-trigger" }, "trigger"),
        el("span", { class: "hl-target" }, "target"),
        el("span", { class: "hl-place" }, "place"),
      ),
    ),
    pager(page, s),
    eventTable(page.rows, s),
    pager(page, s),
  );
}
