// Incidents and deaths per day (uPlot). Dragging across the chart selects a period and
// reloads the incident list below for it (the URL follows, so the view can be shared).
"use strict";
(function () {
  const box = document.getElementById("timeline");
  const status = document.getElementById("timeline-status");
  if (!box) { return; }
  if (typeof uPlot === "undefined") {
    status.textContent = "The chart library is missing (run `make web-assets`).";
    return;
  }

  const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];

  function isoDay(seconds) { return new Date(seconds * 1000).toISOString().slice(0, 10); }

  function loadList(from, to) {
    const url = new URL(box.dataset.list, window.location.origin);
    url.pathname = "/timeline";
    if (from) { url.searchParams.set("date_from", from); }
    if (to) { url.searchParams.set("date_to", to); }
    status.textContent = from ? "Incidents from " + from + " to " + to : "";
    window.history.replaceState(null, "", url.pathname + url.search);
    if (window.htmx) {
      window.htmx.ajax("GET", url.pathname + url.search, { target: "#results", select: "#results", swap: "outerHTML" });
    } else {
      window.location.href = url.pathname + url.search;
    }
  }

  // Days with no incident are drawn as zeros (up to about ten years of days).
  function fillDays(data) {
    const day = 86400;
    const given = {};
    data.days.forEach(function (d, i) { given[Date.parse(d + "T00:00:00Z") / 1000 / day] = i; });
    const first = Date.parse(data.days[0] + "T00:00:00Z") / 1000 / day;
    const last = Date.parse(data.days[data.days.length - 1] + "T00:00:00Z") / 1000 / day;
    const xs = [], incidents = [], deaths = [];
    if (last - first > 3660) {
      return [Object.keys(given).map(function (k) { return k * day; }), data.incidents, data.deaths];
    }
    for (let d = first; d <= last; d += 1) {
      const i = given[d];
      xs.push(d * day);
      incidents.push(i === undefined ? 0 : data.incidents[i]);
      deaths.push(i === undefined ? 0 : data.deaths[i]);
    }
    return [xs, incidents, deaths];
  }

  fetch(box.dataset.series, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      if (!data.days.length) { status.textContent = "No dated incident matches these filters."; return; }
      const series = fillDays(data);
      const xs = series[0];
      const opts = {
        width: Math.max(320, box.clientWidth - 16), height: 300,
        scales: { x: { time: true }, deaths: { auto: true } },
        series: [
          { value: function (u, v) { return v === null ? "" : isoDay(v); } },
          { label: "Incidents", stroke: "#0b5cad", fill: "rgba(11,92,173,0.15)", width: 1.5, paths: uPlot.paths.bars({ size: [0.8, 12] }) },
          { label: "Deaths", stroke: "#a4262c", width: 1.5, scale: "deaths" },
        ],
        // Counts are whole numbers: ticks at 1, 2, 5, 10, ... never 0.2 of an incident.
        axes: [{}, { label: "incidents", incrs: WHOLE_STEPS },
               { side: 1, scale: "deaths", label: "deaths", grid: { show: false }, incrs: WHOLE_STEPS }],
        cursor: { drag: { x: true, y: false, setScale: false } },
        hooks: {
          setSelect: [function (u) {
            if (u.select.width < 2) { return; }
            const from = isoDay(u.posToVal(u.select.left, "x"));
            const to = isoDay(u.posToVal(u.select.left + u.select.width, "x"));
            loadList(from, to);
          }],
        },
      };
      const plot = new uPlot(opts, series, box);
      box.dataset.loaded = "true";
      window.addEventListener("resize", function () { plot.setSize({ width: Math.max(320, box.clientWidth - 16), height: 300 }); });
      const total = data.incidents.reduce(function (a, b) { return a + b; }, 0);
      const deaths = data.deaths.reduce(function (a, b) { return a + b; }, 0);
      box.setAttribute("aria-label", "Chart: " + total + " incidents and " + deaths + " deaths between " + data.days[0] + " and " + data.days[data.days.length - 1]);
    })
    .catch(function (error) { status.textContent = "Could not load the timeline: " + error.message; });
})();
