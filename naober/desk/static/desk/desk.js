/* The desk's counter, smoother with JavaScript: a touch goes out in the background and the page
   is updated in place, with the focus where the host continues (#theme after counting, #counter
   after a theme or undo). While a touch is on its way its button does nothing; when the network
   fails the same form, with the same key, is sent again, so a retry never counts twice.
   Without this file every button is a plain form post and everything works the same. */
(function () {
  "use strict";

  var RETRIES = 3;

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  // Only a network failure is retried: an answer, even an error page, is the server's word.
  function send(form, body, attempt) {
    return fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .catch(function (error) {
        if (attempt >= RETRIES) { throw error; }
        return wait(500 * Math.pow(2, attempt)).then(function () {
          return send(form, body, attempt + 1);
        });
      });
  }

  function show(html, url, focusId) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("main");
    var main = document.getElementById("main");
    if (!fresh || !main || !fresh.querySelector("[data-desk]")) {
      // Not the desk (the session ended, for instance): show that page as it is.
      window.location.assign(url);
      return;
    }
    main.replaceChildren.apply(main, Array.prototype.map.call(fresh.childNodes, function (node) {
      return document.importNode(node, true);
    }));
    document.title = doc.title;
    window.history.replaceState(null, "", url.split("#")[0] + "#" + focusId);
    var target = document.getElementById(focusId) || document.getElementById("counter") || main;
    target.focus();
  }

  function offline(form) {
    var note = form.querySelector(".desk-offline");
    if (!note) {
      note = document.createElement("p");
      note.className = "error desk-offline";
      note.setAttribute("role", "alert");
      form.appendChild(note);
    }
    // The sentence comes from the page, in the page's language.
    var holder = document.querySelector("[data-offline]");
    note.textContent = holder ? holder.getAttribute("data-offline") : "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-desk-focus]") || form.hasAttribute("data-native")) { return; }
    event.preventDefault();
    if (form.hasAttribute("data-busy")) { return; }
    var submitter = event.submitter;
    var body = new FormData(form);
    if (submitter && submitter.name) { body.append(submitter.name, submitter.value); }
    form.setAttribute("data-busy", "");
    if (submitter) { submitter.setAttribute("aria-disabled", "true"); }

    function done() {
      form.removeAttribute("data-busy");
      if (submitter) { submitter.removeAttribute("aria-disabled"); }
    }

    send(form, body, 0).then(function (response) {
      if (!response.ok) {
        // The server refused (400, 404): let the browser post it and show the server's page.
        done();
        form.setAttribute("data-native", "");
        form.requestSubmit(submitter);
        return;
      }
      return response.text().then(function (html) {
        done();
        show(html, response.url, form.getAttribute("data-desk-focus"));
      });
    }).catch(function () {
      done();
      offline(form);
    });
  });
})();
