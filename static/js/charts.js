// Charts drawn with Chart.js from data- attributes (no inline script: the CSP forbids it).
// Every chart has a table beside it with the same figures for screen readers.
(function () {
  "use strict";
  var palette = ["#0d6efd", "#d63384", "#198754", "#fd7e14"];

  // A chart's figures: from the JSON island its data-source names (json_script), or from
  // its own data- attributes.
  function parse(canvas, name) {
    var source = canvas.dataset.source && document.getElementById(canvas.dataset.source);
    if (source) return JSON.parse(source.textContent)[name] || [];
    return JSON.parse(canvas.getAttribute("data-" + name) || "[]");
  }

  function draw(canvas) {
    if (!window.Chart || canvas.dataset.drawn) return;
    canvas.dataset.drawn = "1";
    var kind = canvas.dataset.chart;
    if (kind === "bar") {
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: parse(canvas, "labels"),
          datasets: [{ label: canvas.dataset.label || "", data: parse(canvas, "values"), backgroundColor: "#9ec5fe" }]
        },
        options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, animation: false }
      });
    } else if (kind === "grouped") {
      // Bars side by side per label, one series each (e.g. the outcome report's top and
      // bottom halves); a gap where a figure is missing.
      var groups = parse(canvas, "series");
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: parse(canvas, "labels"),
          datasets: groups.map(function (s, i) {
            return { label: s.label, data: s.values, backgroundColor: palette[i % 4] };
          })
        },
        options: {
          scales: { y: { min: Number(canvas.dataset.min || 0), max: Number(canvas.dataset.max || 5) } },
          animation: false
        }
      });
    } else if (kind === "radar") {
      var series = parse(canvas, "series");
      new window.Chart(canvas, {
        type: "radar",
        data: {
          labels: parse(canvas, "labels"),
          datasets: series.map(function (s, i) {
            return { label: s.label, data: s.values, borderColor: palette[i % 4], backgroundColor: palette[i % 4] + "22", pointRadius: 3 };
          })
        },
        options: { scales: { r: { min: 0, max: 100, ticks: { stepSize: 25 } } }, animation: false }
      });
    }
  }

  function drawAll(root) { root.querySelectorAll("canvas[data-chart]").forEach(draw); }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.target); });
})();
