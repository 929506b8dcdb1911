// Incidents on a map: clustered markers with popups linking to incident pages. With a tile
// URL configured a basemap is drawn; otherwise region outlines from the gazetteer (if any)
// on a plain background, so the map works with no internet.
"use strict";
(function () {
  const box = document.getElementById("map");
  const status = document.getElementById("map-status");
  if (!box) { return; }
  if (typeof L === "undefined") {
    status.textContent = "The map library is missing (run `make web-assets`).";
    return;
  }
  const map = L.map(box, { worldCopyJump: true, minZoom: 2, maxZoom: 18 }).setView([34.8, 38.9], 6);
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

  function drawOutlines() {
    return fetch(box.dataset.regions, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geojson) {
        if (!geojson || !geojson.features || !geojson.features.length) { return 0; }
        L.geoJSON(geojson, {
          style: function (feature) {
            const district = feature.properties && feature.properties.level === "district";
            return district
              ? { color: "#8a96a0", weight: 0.5, fill: false, dashArray: "2 3" }
              : { color: "#51606d", weight: 1.2, fillColor: "#fdfdfb", fillOpacity: 0.8 };
          },
          onEachFeature: function (feature, layer) {
            const name = feature.properties && (feature.properties.name || feature.properties["wof:name"]);
            if (name) { layer.bindTooltip(String(name), { sticky: true }); }
          },
        }).addTo(map);
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
        if (markers.length) { map.fitBounds(cluster.getBounds(), { maxZoom: 10, padding: [48, 48] }); }
        return markers.length;
      });
  }

  Promise.all([tiles ? Promise.resolve(0) : drawOutlines(), drawPoints()])
    .then(function (counts) {
      const base = tiles ? "basemap" : (counts[0] ? counts[0] + " region outlines"
        : "no basemap or outlines: import a Who's On First gazetteer (tawthiq gazetteer import) "
          + "for region outlines, or set TAWTHIQ_TILE_URL to a tile server");
      status.textContent = counts[1] + " incidents with a location · " + base;
      box.dataset.loaded = "true";
    })
    .catch(function (error) { status.textContent = "Could not load the map data: " + (error.message || error); });
})();
