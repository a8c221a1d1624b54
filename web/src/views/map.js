// map.js — event locations over an offline world layer (Natural Earth
// countries from world-atlas, no tile server), clustered on a screen grid
// that follows the zoom, coloured by the QuadClass most of their events
// have; a click lists the events there.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";
import { api } from "../api.js";
import { el, fmt } from "../dom.js";
import { go, params, downloads } from "../state.js";
import { eventTable } from "./events.js";

const QUAD = ["#777", "#2a9d8f", "#4d8f3a", "#e9a800", "#d1495b"];
const countries = feature(world, world.objects.countries);

export async function map(root, s, current) {
  const geo = await api("places", params(s, "map"));
  if (!current()) return;
  const box = el("div", { id: "map" });
  const side = el(
    "div",
    { class: "side", id: "map-events" },
    el("p", { class: "muted" }, "Click a circle for the events there."),
  );
  root.append(
    el(
      "div",
      { class: "tools" },
      el("b", {}, `${fmt(geo.features.length)} places`),
      downloads("places", () =>
        geo.features.map((f) => ({
          ...f.properties,
          lon: f.geometry.coordinates[0],
          lat: f.geometry.coordinates[1],
        })),
      ),
    ),
    el("div", { class: "split" }, box, side),
  );
  const m = L.map(box, {
    worldCopyJump: false,
    minZoom: 1,
    maxZoom: 12,
    attributionControl: false,
  }).setView([30, 10], 2);
  L.geoJSON(countries, {
    style: { color: "#8aa", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
    interactive: false,
  }).addTo(m);
  const layer = L.layerGroup().addTo(m);
  const clusters = [];
  const draw = () => {
    layer.clearLayers();
    clusters.length = 0;
    const cell = 36,
      cells = new Map();
    for (const f of geo.features) {
      const [lon, lat] = f.geometry.coordinates;
      const pt = m.project([lat, lon], m.getZoom());
      const key = `${Math.floor(pt.x / cell)},${Math.floor(pt.y / cell)}`;
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { places: [], events: 0, q: [0, 0, 0, 0, 0], lat: 0, lon: 0 }));
      c.places.push(f);
      c.events += f.properties.events;
      for (let k = 1; k <= 4; k++) c.q[k] += f.properties["q" + k];
      c.lat += lat * f.properties.events;
      c.lon += lon * f.properties.events;
    }
    for (const c of cells.values()) {
      const quad = [1, 2, 3, 4].reduce((best, k) => (c.q[k] > c.q[best] ? k : best), 1);
      const mk = L.circleMarker([c.lat / c.events, c.lon / c.events], {
        radius: 5 + 3 * Math.sqrt(c.events),
        color: "#fff",
        weight: 1,
        fillColor: QUAD[quad],
        fillOpacity: 0.85,
      }).addTo(layer);
      mk.bindTooltip(
        c.places.length === 1
          ? `${c.places[0].properties.place}: ${c.events} events`
          : `${c.places.length} places, ${c.events} events`,
      );
      mk.on("click", () => showEvents(side, c, s));
      clusters.push({ c, mk });
    }
  };
  m.on("zoomend", draw);
  draw();
  // for tests: click the biggest cluster's marker
  window.__dlMapClusters = () =>
    clusters.map(({ c, mk }) => ({
      events: c.events,
      places: c.places.length,
      ...m.latLngToContainerPoint(mk.getLatLng()),
    }));
}

async function showEvents(side, c, s) {
  const lats = c.places.map((f) => f.geometry.coordinates[1]),
    lons = c.places.map((f) => f.geometry.coordinates[0]);
  const pad = 0.0002;
  const bbox = [
    Math.min(...lats) - pad,
    Math.min(...lons) - pad,
    Math.max(...lats) + pad,
    Math.max(...lons) + pad,
  ]
    .map((v, i) => Math.max(i % 2 ? -180 : -90, Math.min(i % 2 ? 180 : 90, v)).toFixed(4))
    .join(",");
  side.replaceChildren(el("p", { class: "muted" }, "loading…"));
  try {
    const page = await api("events", { ...params(s, "map"), bbox, limit: 100 });
    const names = c.places.map((f) => f.properties.place).filter(Boolean);
    side.replaceChildren(
      el(
        "h3",
        {},
        names.slice(0, 3).join(", ") + (names.length > 3 ? ` and ${names.length - 3} more` : ""),
      ),
      el(
        "div",
        { class: "tools" },
        el("span", { id: "map-total" }, `${fmt(page.total)} events`),
        el(
          "button",
          { type: "button", onclick: () => go({ view: "events", bbox, offset: "" }) },
          "open in Events",
        ),
      ),
      eventTable(page.rows, s, false),
    );
  } catch (e) {
    side.replaceChildren(el("div", { class: "error" }, e.message));
  }
}
