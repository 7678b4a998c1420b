/* Small enhancements shared by several pages: the signal filter and print buttons.
   Each part looks for its element by a data- attribute and does nothing without it. */
(function () {
  "use strict";

  function setupPrintButtons() {
    var buttons = document.querySelectorAll("[data-print]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function setupSignalFilter() {
    var form = document.querySelector("[data-signal-filter]");
    if (!form) { return; }
    var select = form.querySelector("select");
    var acute = form.querySelector("input[name=acuut]");
    var status = form.querySelector("[role=status]");
    var cards = document.querySelectorAll(".signal-card");
    form.hidden = false;

    function apply() {
      var place = select.value;
      var onlyAcute = acute.checked;
      var shown = 0;
      Array.prototype.forEach.call(cards, function (card) {
        var settings = (card.getAttribute("data-settings") || "").split(" ");
        var matches = (!place || settings.indexOf(place) !== -1) &&
          (!onlyAcute || card.getAttribute("data-acute") === "true");
        card.hidden = !matches;
        if (matches) { shown += 1; }
      });
      status.textContent = shown + " signalen getoond";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  setupPrintButtons();
  setupSignalFilter();
})();
