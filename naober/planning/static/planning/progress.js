// A scenario being calculated: with JavaScript its progress updates in place every two seconds
// (from the scenario's voortgang.json), and the page reloads once it is done or failed, to show
// the answer. Without JavaScript the page offers a "Check again" link; nothing reloads unasked.
(function () {
  "use strict";
  var box = document.querySelector("[data-scenario-progress]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.dataset.scenarioProgress;
  var interval = Number(box.dataset.interval) || 2000;
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  var state = document.querySelector("[data-progress-status]");
  var message = box.querySelector("[data-progress-message]");
  // This script keeps the page up to date: the link for doing it by hand is not needed.
  var manual = document.querySelector("[data-check-again]");
  if (manual) {
    manual.hidden = true;
  }

  function show(answer) {
    if (bar && bar.value !== answer.progress) {
      bar.value = answer.progress;
      bar.textContent = answer.progress + " %";
    }
    if (text && text.dataset.template) {
      var words = text.dataset.template.replace("{progress}", String(answer.progress));
      if (text.textContent !== words) {
        text.textContent = words;
      }
    }
    if (state && state.textContent !== answer.status_label) {
      state.textContent = answer.status_label;
    }
    if (message && message.textContent !== (answer.message || "")) {
      message.textContent = answer.message || "";
    }
  }

  function check() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        show(answer);
        if (answer.done) {
          window.location.reload();
          return;
        }
        schedule();
      })
      .catch(function () {
        // A hiccup on the network: try again, and show the link in case it lasts.
        if (manual) {
          manual.hidden = false;
        }
        schedule();
      });
  }

  function schedule() {
    window.setTimeout(check, interval);
  }
  schedule();
})();
