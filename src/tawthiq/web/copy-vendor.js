// Copies the dist files the web app serves from node_modules/ into static/vendor/
// (git-ignored). Run by `make web-assets` after `npm install`.
"use strict";
const fs = require("fs");
const path = require("path");

const here = __dirname;
const vendor = path.join(here, "static", "vendor");

// [package, file inside the package, name under static/vendor/]
const FILES = [
  ["htmx.org", "dist/htmx.min.js", "htmx.min.js"],
  ["leaflet", "dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet", "dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet", "dist/images", "leaflet/images"],
  ["leaflet.markercluster", "dist/leaflet.markercluster.js", "leaflet/leaflet.markercluster.js"],
  ["leaflet.markercluster", "dist/MarkerCluster.css", "leaflet/MarkerCluster.css"],
  ["leaflet.markercluster", "dist/MarkerCluster.Default.css", "leaflet/MarkerCluster.Default.css"],
  ["uplot", "dist/uPlot.iife.min.js", "uplot/uPlot.iife.min.js"],
  ["uplot", "dist/uPlot.min.css", "uplot/uPlot.min.css"],
  // Country outlines for the offline map: Natural Earth 1:50m (public domain) as TopoJSON.
  ["world-atlas", "countries-50m.json", "world-atlas/countries-50m.json"],
  ["topojson-client", "dist/topojson-client.min.js", "topojson-client.min.js"],
];

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  if (fs.statSync(from).isDirectory()) {
    fs.cpSync(from, to, { recursive: true });
  } else {
    fs.copyFileSync(from, to);
  }
}

let missing = 0;
for (const [pkg, file, target] of FILES) {
  const from = path.join(here, "node_modules", pkg, file);
  if (!fs.existsSync(from)) {
    console.error(`copy-vendor: missing ${pkg}/${file} (run npm install first)`);
    missing += 1;
    continue;
  }
  copy(from, path.join(vendor, target));
}
if (missing) {
  process.exit(1);
}
console.log(`copy-vendor: ${FILES.length} entries copied to ${path.relative(process.cwd(), vendor) || vendor}`);
