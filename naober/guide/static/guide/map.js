// The place's map, as progressive enhancement: the page already shows the address and a link to
// OpenStreetMap; this only adds a Leaflet map, and says so in text when the tiles cannot load.
(function () {
  "use strict";
  var container = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!container || !status || typeof L === "undefined" || !window.naoberBaseMap) {
    return;
  }
  var latitude = parseFloat(container.dataset.latitude);
  var longitude = parseFloat(container.dataset.longitude);
  if (isNaN(latitude) || isNaN(longitude)) {
    return;
  }
  container.hidden = false;
  status.textContent = "";
  var map = window.naoberBaseMap(container, status).setView([latitude, longitude], 16);
  // Not focusable: the marker adds nothing the address does not already say.
  L.marker([latitude, longitude], {
    keyboard: false,
    interactive: false,
    alt: container.dataset.marker
  }).addTo(map);
})();
