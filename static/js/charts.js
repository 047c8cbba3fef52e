/* Charts drawn with Chart.js when it was installed (npm ci); without it the tables beside them carry the data. */
(function () {
  "use strict";
  var palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

  function data(el) { return JSON.parse(document.getElementById(el.dataset.source).textContent); }

  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }

  function radar(el) {
    var d = data(el);
    return new window.Chart(el, {
      type: "radar",
      data: {
        labels: d.labels,
        datasets: d.series.map(function (s, i) {
          var colour = s.colour || palette[i % palette.length];
          return { label: s.label, data: s.values, borderColor: colour, backgroundColor: alpha(colour, 0.15),
                   pointBackgroundColor: colour, pointStyle: ["circle", "rect", "triangle", "rectRot", "star"][i % 5],
                   pointRadius: 4, spanGaps: false };
        })
      },
      options: {
        responsive: true, maintainAspectRatio: true,
        scales: { r: { min: 0, max: 1, ticks: { stepSize: 0.25, backdropColor: "transparent" } } },
        plugins: { tooltip: { callbacks: { label: function (c) {
          return c.dataset.label + ": " + (c.raw === null ? "missing" : Number(c.raw).toFixed(2));
        } } } }
      }
    });
  }

  function history(el) {
    var d = data(el);
    return new window.Chart(el, {
      type: "line",
      data: {
        labels: d.map(function (p) { return "#" + p.run + " " + p.date; }),
        datasets: [{ label: "Rank", data: d.map(function (p) { return p.rank; }), borderColor: palette[0],
                     backgroundColor: palette[0], spanGaps: false, pointRadius: 4 }]
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: { y: { reverse: true, min: 1, ticks: { precision: 0 }, title: { display: true, text: "rank (1 = best)" } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: function (c) {
          var p = d[c.dataIndex]; return p.profile + " · of " + p.of;
        } } } }
      }
    });
  }

  function draw() {
    if (!window.Chart) { return; }
    document.querySelectorAll("canvas[data-chart]").forEach(function (el) {
      var figure = el.closest("figure");
      if (figure) { figure.hidden = false; }
      if (el.dataset.chart === "radar") { radar(el); } else if (el.dataset.chart === "history") { history(el); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());
