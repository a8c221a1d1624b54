// app.js — the analyst's workbench: a filter bar over every view, the view
// and its filters kept in the URL (#view=events&actor=RUS...), so that a
// view can be shared, survives a reload, and the back button works.
import "./app.css";
import { api } from "./api.js";
import { VIEWS, FIELDS, state, go, hooks, showError } from "./state.js";
import { el, fmt } from "./dom.js";
import { overview } from "./views/overview.js";
import { network } from "./views/network.js";
import { map } from "./views/map.js";
import { events } from "./views/events.js";
import { article } from "./views/article.js";
import { quotes } from "./views/quotes.js";
import { search } from "./views/search.js";

function filterBar(s) {
  const form = document.getElementById("filters");
  form.replaceChildren();
  const view = VIEWS[s.view];
  for (const [name, label, kind, help] of FIELDS) {
    let input;
    if (kind === "select") {
      input = el(
        "select",
        { name },
        help.map((v) => el("option", { value: v, selected: (s[name] || "") === v }, v || "any")),
      );
    } else if (kind === "checkbox") {
      input = el("input", { type: "checkbox", name, checked: !!s[name], title: help });
    } else {
      input = el("input", {
        type: kind,
        name,
        value: s[name] || "",
        placeholder: help,
        title: help,
      });
    }
    const applies = view.filters.includes(name);
    if (!applies) input.disabled = true;
    form.append(
      el(
        "label",
        { class: applies ? "" : "na", title: applies ? help : "not applicable to this view" },
        label,
        input,
      ),
    );
  }
  form.append(
    el(
      "span",
      { class: "buttons" },
      el("button", { type: "submit" }, "Apply"),
      el(
        "button",
        {
          type: "button",
          onclick: () =>
            go(Object.fromEntries(FIELDS.map((f) => [f[0], ""]).concat([["offset", ""]]))),
        },
        "Clear",
      ),
    ),
  );
  form.onsubmit = (ev) => {
    ev.preventDefault();
    const patch = { offset: "" };
    for (const [name, , kind] of FIELDS) {
      const f = form.elements[name];
      if (f.disabled) continue;
      patch[name] = kind === "checkbox" ? (f.checked ? "1" : "") : f.value.trim();
    }
    go(patch);
  };
}

function tabs(s) {
  const nav = document.getElementById("tabs");
  nav.replaceChildren(
    ...Object.entries(VIEWS).map(([name, v]) =>
      el(
        "a",
        {
          href: "#view=" + name,
          class: name === s.view ? "on" : "",
          "data-view": name,
          onclick: (ev) => {
            ev.preventDefault();
            go({ view: name, offset: "", sort: "" });
          },
        },
        v.label,
      ),
    ),
  );
}

let drawing = 0;
export async function render() {
  const s = state();
  const ticket = ++drawing;
  tabs(s);
  filterBar(s);
  const root = document.getElementById("view");
  root.replaceChildren();
  root.dataset.view = s.view;
  root.dataset.ready = "0";
  try {
    await DRAW[s.view](root, s, () => ticket === drawing);
  } catch (e) {
    if (ticket === drawing) showError(root, e);
  }
  if (ticket === drawing) root.dataset.ready = "1";
}

const DRAW = { overview, network, map, events, article, quotes, search };
hooks.render = render;
window.addEventListener("hashchange", render);
api("stats")
  .then((st) => {
    document.getElementById("stats").textContent =
      `${fmt(st.documents)} documents · ${fmt(st.events)} events · ${fmt(st.quotes)} quotes · ${st.first_date || ""} – ${st.last_date || ""}`;
  })
  .catch(() => {});
render();
