// The background map the guide and the planning pages share: Leaflet with the configured tiles
// (data-tiles, data-attribution on the container), no scroll-wheel zoom (a page that scrolls past
// the map should not get stuck in it), and a sentence in `status` (data-failed) when the tiles
// cannot load, so the page says why the map is blank.
window.naoberBaseMap = function (container, status) {
  "use strict";
  var map = L.map(container, { scrollWheelZoom: false });
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
  return map;
};
