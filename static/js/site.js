// Optional enhancements only: every task works without this file.
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  // GOV.UK pattern: move focus to the error summary so screen reader and
  // keyboard users hear what went wrong first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) return;
      event.preventDefault();
      var legendOrLabel = input.closest("fieldset") || document.querySelector("label[for='" + input.id + "']");
      (legendOrLabel || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  // Phone menu: without JavaScript a <details>; here a disclosure button
  // (aria-expanded) that screen readers announce as open or closed.
  var details = document.querySelector("[data-phone-menu]");
  if (details) {
    var panel = details.querySelector("#phone-menu");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "phone-menu__toggle";
    button.textContent = "Menu";
    button.setAttribute("aria-controls", panel.id);
    var menu = document.createElement("div");
    menu.className = "phone-menu";
    menu.appendChild(button);
    menu.appendChild(panel);
    details.replaceWith(menu);
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      panel.hidden = !open;
    };
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) {
        setOpen(false);
        button.focus();
      }
    });
  }

  // GOV.UK conditional reveal: a box that belongs to one or more answers of a
  // set of radios shows only once one of those answers is chosen. Without
  // JavaScript every box shows, under the answer it belongs to.
  var conditionals = document.querySelectorAll("[data-reveal-name]");
  Array.prototype.forEach.call(conditionals, function (box) {
    var name = box.getAttribute("data-reveal-name");
    var values = box.getAttribute("data-reveal-values").split(" ");
    var radios = document.querySelectorAll("input[type='radio'][name='" + name + "']");
    var update = function () {
      var chosen = document.querySelector("input[type='radio'][name='" + name + "']:checked");
      box.hidden = !(chosen && values.indexOf(chosen.value) !== -1);
    };
    Array.prototype.forEach.call(radios, function (radio) {
      if (values.indexOf(radio.value) !== -1) radio.setAttribute("aria-controls", box.id);
      radio.addEventListener("change", update);
    });
    update();
  });

  // GOV.UK "Exit this page": the button, or Shift pressed three times within
  // five seconds, replaces this page with a neutral one, so Back does not
  // return to it; the page is blanked at once in case the next one is slow.
  var exitLink = document.querySelector("[data-exit-this-page-link]");
  if (exitLink) {
    var exitPage = function () {
      var overlay = document.createElement("div");
      overlay.className = "exit-this-page-overlay";
      document.body.appendChild(overlay);
      document.title = "Exiting page";
      window.location.replace(exitLink.href);
    };
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      exitPage();
    });
    var shiftPresses = 0;
    var shiftTimer = null;
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        shiftPresses = 0;
        return;
      }
      shiftPresses += 1;
      if (shiftPresses === 1) {
        shiftTimer = window.setTimeout(function () {
          shiftPresses = 0;
        }, 5000);
      }
      if (shiftPresses >= 3) {
        window.clearTimeout(shiftTimer);
        shiftPresses = 0;
        exitPage();
      }
    });
  }
})();
