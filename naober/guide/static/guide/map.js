// The place's map, as progressive enhancement: the page already shows the address and a link to
// OpenStreetMap; this only adds a Leaflet map, and says so in text when the tiles cannot load.
(function () {
  "use strict";
  var container = document.getElementById("map");
  var status = document.getElementById("map-status");
  if (!container || !status || typeof L === "undefined") {
    return;
  }
  var latitude = parseFloat(container.dataset.latitude);
  var longitude = parseFloat(container.dataset.longitude);
  if (isNaN(latitude) || isNaN(longitude)) {
    return;
  }
  container.hidden = false;
  status.textContent = "";
  // No scroll-wheel zoom: a page that scrolls past the map should not get stuck in it.
  var map = L.map(container, { scrollWheelZoom: false }).setView([latitude, longitude], 16);
  var failed = false;
  L.tileLayer(container.dataset.tiles, {
    maxZoom: 19,
    attribution: container.dataset.attribution
  })
    .on("tileerror", function () {
      if (!failed) {
        failed = true;
        container.classList.add("map--failed");
        status.textContent = container.dataset.failed;
      }
    })
    .addTo(map);
  // Not focusable: the marker adds nothing the address does not already say.
  L.marker([latitude, longitude], {
    keyboard: false,
    interactive: false,
    alt: container.dataset.marker
  }).addTo(map);
})();
