/* What-if value: move the quality/price split and see the value scores and their order
   change in place, without saving (the round's saved split is the engagement's price weight).

   The one formula of the value score (vetting/scoring/price.py, docs/scoring.md section 7):
     value = quality * (1 - w) + 100 * points * w,   w = the price share (0..1)
   applied to the score and to both ends of its interval.

   Markup, anywhere on a page:
     <div data-value-scope [data-value-reorder]>            one what-if
       <input type="range" data-value-split min=0 max=100>  the price share in percent
       <output data-value-split-label></output>             "80% quality, 20% price"
       <tbody data-value-rows>                              rows re-sorted when reorder is set
         <tr data-value-item data-quality="71.2" data-low="60" data-high="80"
             data-points="0.83">                            points empty: no comparable price
           <td data-value-rank></td> ... <td data-value-cell></td>
   Items without points get no value ("no price") and sort last, as on the server. */
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return values[name]; });
  };

  function blend(quality, points, share) {
    return quality * (1 - share) + 100 * points * share;
  }

  function number(text) {
    return text === undefined || text === "" ? null : parseFloat(text);
  }

  function update(scope) {
    var slider = scope.querySelector("[data-value-split]");
    if (!slider) return;
    var percent = parseInt(slider.value, 10) || 0;
    var share = percent / 100;
    var label = scope.querySelector("[data-value-split-label]");
    if (label) {
      label.textContent = interpolate(gettext("%(quality)s quality, %(price)s price"),
        { quality: (100 - percent) + "%", price: percent + "%" }, true);
    }
    var items = Array.prototype.slice.call(scope.querySelectorAll("[data-value-item]"));
    items.forEach(function (item) {
      var quality = number(item.dataset.quality);
      var points = number(item.dataset.points);
      var cell = item.querySelector("[data-value-cell]") ||
        scope.querySelector("[data-value-cell][data-for='" + item.dataset.valueItem + "']");
      if (quality === null || (points === null && share > 0)) {
        item.dataset.value = "";
        if (cell) cell.textContent = points === null ? gettext("no price") : "–";
        return;
      }
      var value = share > 0 ? blend(quality, points, share) : quality;
      item.dataset.value = value.toFixed(4);
      if (cell) {
        var low = number(item.dataset.low), high = number(item.dataset.high);
        var range = low === null || high === null ? "" :
          " (" + Math.round(share > 0 ? blend(low, points, share) : low) + "–" +
          Math.round(share > 0 ? blend(high, points, share) : high) + ")";
        cell.textContent = Math.round(value) + range;
      }
    });
    var ordered = items.slice().sort(function (a, b) {
      var x = number(a.dataset.value), y = number(b.dataset.value);
      if (x === null && y === null) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return y - x || number(b.dataset.quality) - number(a.dataset.quality);
    });
    ordered.forEach(function (item, index) {
      var rank = item.querySelector("[data-value-rank]") ||
        scope.querySelector("[data-value-rank][data-for='" + item.dataset.valueItem + "']");
      if (rank) rank.textContent = item.dataset.value === "" ? "–" : String(index + 1);
    });
    var rows = scope.querySelector("[data-value-rows]");
    if (rows && scope.hasAttribute("data-value-reorder")) {
      ordered.forEach(function (item) { rows.appendChild(item); });
    }
  }

  function attach(root) {
    root.querySelectorAll("[data-value-scope]").forEach(function (scope) {
      var slider = scope.querySelector("[data-value-split]");
      if (!slider || slider.dataset.valueAttached) return;
      slider.dataset.valueAttached = "1";
      slider.addEventListener("input", function () { update(scope); });
      update(scope);
    });
  }

  window.WinnowValue = { blend: blend, update: update, attach: attach };
  document.addEventListener("DOMContentLoaded", function () { attach(document); });
  document.addEventListener("htmx:afterSettle", function (event) { attach(event.target); });
})();
