// overview.js — counts, the busiest dyads and actors of the selection, and
// a time series on a real date axis (bins by span), events and Goldstein
// sum with the QuadClass split; drag on the chart to zoom the date range.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { api } from "../api.js";
import { el, fmt } from "../dom.js";
import { go, params, downloads } from "../state.js";

const day = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 1000;
const iso = (t) => new Date(t * 1000).toISOString().slice(0, 10);

export async function overview(root, s, current) {
  const p = params(s, "overview");
  const [ov, tl] = await Promise.all([
    api("overview", { ...p, limit: 10 }),
    api("timeline", { ...p, bin: s.bin || "auto" }),
  ]);
  if (!current()) return;
  const quads = [1, 2, 3, 4].map((k) => tl.rows.reduce((n, r) => n + r["q" + k], 0));
  const mentions = tl.rows.reduce((n, r) => n + r.mentions, 0);
  root.append(
    el(
      "div",
      { class: "cards" },
      el("div", { class: "card", id: "count-events" }, el("b", {}, fmt(ov.events)), "events"),
      el("div", { class: "card" }, el("b", {}, fmt(mentions)), "mentions"),
      ...["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"].map(
        (name, i) =>
          el("div", { class: "card q" + (i + 1) }, el("b", {}, fmt(quads[i])), `Q${i + 1} ${name}`),
      ),
    ),
  );
  const binPick = el(
    "select",
    { name: "bin", onchange: (e) => go({ bin: e.target.value === "auto" ? "" : e.target.value }) },
    ["auto", "day", "week", "month"].map((b) =>
      el("option", { value: b, selected: (s.bin || "auto") === b }, b),
    ),
  );
  const chart = el("div", { id: "chart" });
  root.append(
    el(
      "div",
      { class: "tools" },
      el("b", {}, `Events per ${tl.bin}`),
      binPick,
      el("span", { class: "muted" }, "drag across the chart to zoom the date range"),
      downloads("timeline", () => tl.rows),
    ),
    chart,
  );
  if (tl.rows.length) drawChart(chart, tl);
  else chart.append(el("p", { class: "muted" }, "No dated events in this selection."));

  const dyads = el(
    "table",
    { id: "dyads" },
    el(
      "tr",
      {},
      el("th", {}, "source"),
      el("th", {}, "target"),
      el("th", {}, "events"),
      el("th", {}, "mean Goldstein"),
    ),
    ov.dyads.map((d) =>
      el(
        "tr",
        {},
        el("td", {}, el("a", { class: "drill", onclick: () => go({ actor: d.source }) }, d.source)),
        el("td", {}, el("a", { class: "drill", onclick: () => go({ actor: d.target }) }, d.target)),
        el(
          "td",
          { class: "num" },
          el(
            "a",
            {
              class: "drill",
              onclick: () => go({ view: "events", dyad: `${d.source}:${d.target}`, offset: "" }),
            },
            fmt(d.events),
          ),
        ),
        el("td", { class: "num" }, d.goldstein),
      ),
    ),
  );
  const actors = el(
    "table",
    { id: "actors" },
    el(
      "tr",
      {},
      el("th", {}, "actor"),
      el("th", {}, "events"),
      el("th", {}, "as source"),
      el("th", {}, "as target"),
    ),
    ov.actors.map((a) =>
      el(
        "tr",
        {},
        el("td", {}, el("a", { class: "drill", onclick: () => go({ actor: a.code }) }, a.code)),
        el(
          "td",
          { class: "num" },
          el(
            "a",
            { class: "drill", onclick: () => go({ view: "events", actor: a.code, offset: "" }) },
            fmt(a.events),
          ),
        ),
        el("td", { class: "num" }, fmt(a.as_source)),
        el("td", { class: "num" }, fmt(a.as_target)),
      ),
    ),
  );
  root.append(
    el(
      "div",
      { class: "cols" },
      el(
        "div",
        {},
        el(
          "h3",
          {},
          "Busiest dyads ",
          downloads("dyads", () => ov.dyads),
        ),
        dyads,
      ),
      el(
        "div",
        {},
        el(
          "h3",
          {},
          "Busiest actors ",
          downloads("actors", () => ov.actors),
        ),
        actors,
      ),
    ),
  );
}

function drawChart(box, tl) {
  const xs = tl.rows.map((r) => day(r.bin));
  const data = [
    xs,
    tl.rows.map((r) => r.events),
    tl.rows.map((r) => r.q1 + r.q2),
    tl.rows.map((r) => r.q3 + r.q4),
    tl.rows.map((r) => r.goldstein),
  ];
  const bars = uPlot.paths.bars({ size: [0.8, 40] });
  const opts = {
    width: Math.max(480, box.clientWidth - 16 || 900),
    height: 280,
    scales: { x: { time: true }, g: {} },
    axes: [
      {},
      { label: "events" },
      { scale: "g", side: 1, label: "Goldstein sum", grid: { show: false } },
    ],
    series: [
      { label: "date", value: (u, v) => (v == null ? "" : iso(v)) },
      {
        label: "events",
        stroke: "#1d3557",
        width: 2,
        paths: xs.length > 1 ? undefined : bars,
        points: { show: xs.length < 60 },
      },
      { label: "cooperation (Q1-2)", stroke: "#2a9d8f" },
      { label: "conflict (Q3-4)", stroke: "#d1495b" },
      { label: "Goldstein sum", stroke: "#b08900", scale: "g", dash: [4, 4] },
    ],
    hooks: {
      setSelect: [
        (u) => {
          if (u.select.width < 3) return;
          const a = u.posToVal(u.select.left, "x"),
            b = u.posToVal(u.select.left + u.select.width, "x");
          go({ from: iso(a), to: iso(b), offset: "" });
        },
      ],
    },
  };
  new uPlot(opts, data, box);
}
