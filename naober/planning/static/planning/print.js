// The report's "Print" button: only a shortcut for the browser's own print command, so it is
// hidden until this script runs.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
