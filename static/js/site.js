/* Progressive enhancement only: everything works without this file.
   - Exit this page: pressing Shift 3 times (each within 5 s of the last) leaves the site.
   - Follow-up questions appear under the answer they belong to.
   ("Add another" and "Remove" are plain form posts: they need no script.) */
(function () {
  "use strict";
  var TIMEOUT = 5000;

  function exitThisPage() {
    var button = document.getElementById("exit-this-page");
    var cover = document.querySelector("[data-exit-cover]");
    if (cover) { cover.hidden = false; }
    document.title = "";
    // replace(), not href: the page being left is taken out of the tab's history, so Back does
    // not bring it (or its answers) back.
    window.location.replace(button ? button.href : "/exit");
  }

  function setupExit() {
    var button = document.getElementById("exit-this-page");
    var status = document.querySelector("[data-exit-status]");
    if (!button || !status) { return; }
    var presses = 0;
    var timer = null;
    function reset() {
      presses = 0;
      if (timer) { window.clearTimeout(timer); timer = null; }
    }
    function announce(text) { status.textContent = text; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      exitThisPage();
    });
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") { reset(); return; }
      presses += 1;
      if (timer) { window.clearTimeout(timer); }
      if (presses >= 3) {
        reset();
        announce(status.getAttribute("data-exiting") || "");
        exitThisPage();
        return;
      }
      var template = presses === 1 ? status.getAttribute("data-two") : status.getAttribute("data-one");
      announce(template || "");
      timer = window.setTimeout(function () { reset(); announce(status.getAttribute("data-timed-out") || ""); }, TIMEOUT);
    });
    window.addEventListener("pageshow", function () {
      var cover = document.querySelector("[data-exit-cover]");
      if (cover) { cover.hidden = true; }
      reset();
      announce("");
    });
  }

  // Follow-up questions under one answer (GOV.UK conditional reveal): without this script they
  // are always shown; with it, only once that answer is chosen (or when they hold an error).
  function setupReveal() {
    var blocks = document.querySelectorAll("[data-reveal-name]");
    Array.prototype.forEach.call(blocks, function (block) {
      var name = block.getAttribute("data-reveal-name");
      var value = block.getAttribute("data-reveal-value");
      var radios = document.querySelectorAll("input[type=radio][name='" + name + "']");
      function update() {
        var chosen = document.querySelector("input[type=radio][name='" + name + "']:checked");
        block.hidden = !(chosen && chosen.value === value) && !block.querySelector(".error-message");
      }
      Array.prototype.forEach.call(radios, function (radio) {
        radio.setAttribute("aria-controls", block.id);
        radio.addEventListener("change", update);
      });
      update();
    });
  }

  setupExit();
  setupReveal();
})();
