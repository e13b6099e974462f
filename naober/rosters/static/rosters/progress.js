// A roster being generated: with JavaScript the progress updates in place every few seconds, and
// the page reloads once the roster is ready. Without it, the page offers "Check again" and an
// opt-in reload (?auto=1), so nothing refreshes under a screen reader's feet by default.
(function () {
  "use strict";
  const box = document.querySelector("[data-roster-progress]");
  if (!box) return;
  const seconds = Number(box.dataset.rosterProgress) || 3;
  const url = new URL(window.location.href);
  url.searchParams.delete("auto");
  // This script keeps the page up to date: the links for doing it by hand are not needed.
  const manual = document.querySelector(".roster-refresh");
  if (manual) manual.hidden = true;

  async function check() {
    let html;
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (!response.ok) return schedule();
      html = await response.text();
    } catch (error) {
      return schedule();
    }
    const fresh = new DOMParser().parseFromString(html, "text/html");
    const next = fresh.querySelector("[data-roster-progress]");
    if (!next) {
      // Ready (or failed): show the roster page itself.
      window.location.replace(url);
      return;
    }
    const bar = box.querySelector("progress");
    const nextBar = next.querySelector("progress");
    if (bar && nextBar && bar.value !== nextBar.value) {
      box.innerHTML = next.innerHTML;
    }
    schedule();
  }

  function schedule() {
    window.setTimeout(check, seconds * 1000);
  }
  schedule();
})();
