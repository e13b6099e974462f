// The planning map, as progressive enhancement: the page already holds every figure in its
// tables; this draws the same figures on a Leaflet map. Residents are circles shaded by the
// distance band to the nearest place (the legend names each band) and sized by how many live
// there; places are pins, candidate buildings and suggested sites their own markers.
// The data comes from a JSON data island (json_script), so no inline script is needed.
(function () {
  "use strict";
  // The same colours as the legend's swatches in planning.css (.planning-band--0 ... --4).
  var BAND_COLOURS = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
  var MIN_RADIUS = 4;
  var MAX_RADIUS = 18;

  function icon(kind) {
    return L.divIcon({
      className: "planning-icon planning-icon--" + kind,
      iconSize: [18, 18],
      iconAnchor: [9, 9],
      html: ""
    });
  }

  function setUp(container) {
    var status = document.getElementById(container.dataset.status);
    var source = document.getElementById(container.dataset.source);
    if (!status || !source || typeof L === "undefined" || !window.naoberBaseMap) {
      return;
    }
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (error) {
      return;
    }
    var extras = container.closest("[data-planning-map-wrap]");
    if (extras) {
      extras.hidden = false;
    }
    container.hidden = false;
    status.textContent = "";

    var map = window.naoberBaseMap(container, status);

    var bounds = [];
    var largest = 1;
    (data.points || []).forEach(function (point) {
      largest = Math.max(largest, point.population || 0);
    });
    (data.points || []).forEach(function (point) {
      var size = Math.sqrt((point.population || 0) / largest);
      L.circleMarker([point.lat, point.lon], {
        radius: MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * size,
        color: "#1a1a1a",
        weight: 1,
        fillColor: BAND_COLOURS[point.band] || BAND_COLOURS[BAND_COLOURS.length - 1],
        fillOpacity: 0.85
      })
        .bindTooltip(point.label)
        .addTo(map);
      bounds.push([point.lat, point.lon]);
    });
    // Markers are not keyboard stops: the tables on the page say what each one says.
    (data.places || []).forEach(function (place) {
      var options = { keyboard: false, title: place.label };
      if (place.counts) {
        options.alt = place.label;
      } else {
        options.icon = icon("weak");
      }
      L.marker([place.lat, place.lon], options).addTo(map);
      bounds.push([place.lat, place.lon]);
    });
    (data.candidates || []).forEach(function (building) {
      L.marker([building.lat, building.lon], {
        keyboard: false,
        title: building.label,
        icon: icon("candidate")
      }).addTo(map);
      bounds.push([building.lat, building.lon]);
    });
    (data.chosen || []).forEach(function (site) {
      L.marker([site.lat, site.lon], {
        keyboard: false,
        title: site.label,
        icon: icon("chosen"),
        zIndexOffset: 1000
      }).addTo(map);
      bounds.push([site.lat, site.lon]);
    });

    if (bounds.length === 1) {
      map.setView(bounds[0], 14);
    } else if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 });
    } else {
      // Nothing to show: the middle of the Netherlands.
      map.setView([52.2, 5.3], 7);
    }
  }

  document.querySelectorAll("[data-planning-map]").forEach(setUp);
})();
