// network.js — actors as nodes (size by events), dyads as directed edges
// (width by count, colour by mean Goldstein: red conflict, green
// cooperation); a click on a node filters the events by that actor, on an
// edge opens the dyad's events.
import cytoscape from "cytoscape";
import { api } from "../api.js";
import { el, fmt } from "../dom.js";
import { go, params, downloads } from "../state.js";

function colour(g) {
  // -10 red .. 0 grey .. +10 green
  const t = Math.max(-1, Math.min(1, (g || 0) / 6));
  const mix = (a, b) => Math.round(a + (b - a) * Math.abs(t));
  return t < 0
    ? `rgb(${mix(150, 214)},${mix(150, 40)},${mix(150, 60)})`
    : `rgb(${mix(150, 30)},${mix(150, 150)},${mix(150, 90)})`;
}

export async function network(root, s, current) {
  const net = await api("network", { ...params(s, "network"), limit: 120 });
  if (!current()) return;
  const box = el("div", { id: "net" });
  root.append(
    el(
      "div",
      { class: "tools" },
      el("b", {}, `${net.nodes.length} actors, ${net.edges.length} dyads`),
      el("span", { class: "muted" }, "click an actor to filter by it, a link to open the dyad"),
      downloads("network-edges", () => net.edges),
    ),
    box,
  );
  if (!net.edges.length) {
    box.append(el("p", { class: "muted" }, "No dyads in this selection."));
    return;
  }
  const maxN = Math.max(...net.nodes.map((n) => n.events)),
    maxE = Math.max(...net.edges.map((e) => e.events));
  const cy = cytoscape({
    container: box,
    elements: [
      ...net.nodes.map((n) => ({
        data: {
          id: n.id,
          label: n.id,
          size: 18 + 50 * Math.sqrt(n.events / maxN),
          events: n.events,
        },
      })),
      ...net.edges.map((e, i) => ({
        data: {
          id: "e" + i,
          source: e.source,
          target: e.target,
          w: 1 + 9 * (e.events / maxE),
          c: colour(e.goldstein),
          events: e.events,
        },
      })),
    ],
    style: [
      {
        selector: "node",
        style: {
          width: "data(size)",
          height: "data(size)",
          label: "data(label)",
          "font-size": 11,
          "background-color": "#457b9d",
          color: "#123",
          "text-valign": "center",
          "text-halign": "right",
          "text-margin-x": 4,
        },
      },
      {
        selector: "edge",
        style: {
          width: "data(w)",
          "line-color": "data(c)",
          "target-arrow-color": "data(c)",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          opacity: 0.8,
        },
      },
    ],
    layout: {
      name: "cose",
      animate: false,
      randomize: false,
      nodeRepulsion: () => 9000,
      idealEdgeLength: () => 90,
    },
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "node", (ev) => go({ view: "events", actor: ev.target.id(), dyad: "", offset: "" }));
  cy.on("tap", "edge", (ev) =>
    go({
      view: "events",
      dyad: `${ev.target.source().id()}:${ev.target.target().id()}`,
      actor: "",
      offset: "",
    }),
  );
  // for tests and keyboard users: the node positions on the page
  window.__dlNetwork = () =>
    cy.nodes().map((n) => ({ id: n.id(), events: n.data("events"), ...n.renderedPosition() }));
  box.title = `${fmt(net.nodes.length)} actors`;
}
