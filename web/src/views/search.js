// search.js — full-text search over the stored sentences: plain words
// (punctuation included) by default, FTS syntax when ticked; errors are
// messages for people; each hit links to its sentence in the article.
import { api } from "../api.js";
import { el, fmt, marked } from "../dom.js";
import { params, downloads } from "../state.js";
import { pager, PAGE } from "./events.js";

export async function search(root, s, current) {
  if (!s.q) {
    root.append(
      el(
        "p",
        { class: "muted" },
        'Type words in the text box of the filter bar: U.S., Putin\'s, Clinton-Trump all work. Tick FTS syntax for OR, NOT, "phrases" and prefix*.',
      ),
    );
    return;
  }
  const page = await api("search", {
    ...params(s, "search"),
    limit: PAGE,
    offset: s.offset,
    sort: s.sort === "-date" ? "-date" : undefined,
  });
  if (!current()) return;
  root.append(
    el(
      "div",
      { class: "tools" },
      el("b", { id: "total" }, `${fmt(page.total)} sentences`),
      downloads("search", () => page.rows),
    ),
    pager(page, s),
    el(
      "table",
      { id: "hits" },
      el("tr", {}, el("th", {}, "date"), el("th", {}, "sentence"), el("th", {}, "article")),
      page.rows.map((r) =>
        el(
          "tr",
          {},
          el("td", {}, r.date),
          el("td", { class: "ev" }, marked(r.text)),
          el(
            "td",
            {},
            el(
              "a",
              {
                class: "drill",
                href:
                  "#" + new URLSearchParams({ view: "article", doc: r.doc, sentence: r.sentence }),
              },
              r.doc,
            ),
          ),
        ),
      ),
    ),
    pager(page, s),
  );
}
