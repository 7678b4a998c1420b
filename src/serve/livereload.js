/* Live reload for `baken serve`. The server adds this script to served pages
   only; `baken build` output never loads it.

   The script long-polls /__baken/events with XMLHttpRequest. The server
   responds when a rebuild finished (or after a timeout) with JSON:
   {server, attempt, build, ok, error, reload}. The page reloads when the
   server reports that the page or a script or stylesheet it loads changed.
   It shows build errors in a dismissible overlay built from text nodes. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.XMLHttpRequest || !window.JSON) { return; }

  var build = script.getAttribute("data-baken-build") || "0";
  var server = script.getAttribute("data-baken-server") || "";
  var attempt = null;
  var dismissedAttempt = null;
  var retryDelay = 500;
  var overlay = null;
  var overlayText = null;
  var focusBefore = null;

  function eventsUrl() {
    var url = "/__baken/events?build=" + encodeURIComponent(build) +
      "&path=" + encodeURIComponent(window.location.pathname);
    if (attempt !== null) { url += "&attempt=" + encodeURIComponent(attempt); }
    return url;
  }

  function poll() {
    var request = new XMLHttpRequest();
    request.open("GET", eventsUrl());
    request.timeout = 60000;
    request.onload = function () {
      var state = null;
      if (request.status === 200) {
        try { state = JSON.parse(request.responseText); } catch (error) { state = null; }
      }
      if (state) {
        retryDelay = 500;
        handle(state);
      } else {
        retry();
      }
    };
    request.onerror = retry;
    request.ontimeout = retry;
    request.send();
  }

  // The server is restarting or stopped: try again, less often over time.
  function retry() {
    window.setTimeout(poll, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  }

  function handle(state) {
    if (state.server !== server || state.reload) {
      window.location.reload();
      return;
    }
    attempt = state.attempt;
    if (state.error && dismissedAttempt !== state.attempt) {
      showError(state.error);
    } else if (!state.error) {
      hideError();
    }
    poll();
  }

  function styled(tag, styles) {
    var element = document.createElement(tag);
    // Setting properties through the CSSOM is allowed by the site's
    // Content-Security-Policy; style attributes in markup are not.
    Object.keys(styles).forEach(function (name) { element.style[name] = styles[name]; });
    return element;
  }

  function buildOverlay() {
    var box = styled("div", {
      position: "fixed", left: "1rem", right: "1rem", bottom: "1rem", zIndex: "2147483647",
      maxHeight: "70vh", overflow: "auto", padding: "1rem", background: "#ffffff",
      color: "#1b1b1b", border: "3px solid #a4001d", borderRadius: "4px",
      boxShadow: "0 4px 16px rgba(0, 0, 0, 0.35)", fontFamily: "system-ui, sans-serif"
    });
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "false");
    box.setAttribute("aria-labelledby", "baken-build-error-title");
    box.setAttribute("aria-describedby", "baken-build-error-help");
    box.setAttribute("data-baken-overlay", "");

    var title = styled("h2", { margin: "0 0 0.5rem", fontSize: "1.25rem", color: "#a4001d" });
    title.id = "baken-build-error-title";
    title.appendChild(document.createTextNode("Bouwfout: de pagina is niet bijgewerkt"));

    var help = styled("p", { margin: "0 0 0.5rem" });
    help.id = "baken-build-error-help";
    help.appendChild(document.createTextNode(
      "U ziet de laatste versie die wel lukte. Herstel de fout en sla het bestand opnieuw op."));

    overlayText = styled("pre", {
      margin: "0 0 0.75rem", padding: "0.5rem", whiteSpace: "pre-wrap", overflowWrap: "anywhere",
      background: "#f3f5f7", fontSize: "0.875rem", fontFamily: "ui-monospace, monospace"
    });
    overlayText.tabIndex = 0;

    var close = styled("button", { font: "inherit", padding: "0.25rem 1rem", cursor: "pointer" });
    close.type = "button";
    close.appendChild(document.createTextNode("Sluiten"));
    close.addEventListener("click", dismiss);

    box.appendChild(title);
    box.appendChild(help);
    box.appendChild(overlayText);
    box.appendChild(close);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { dismiss(); }
    });
    return box;
  }

  function showError(text) {
    if (!overlay) { overlay = buildOverlay(); }
    while (overlayText.firstChild) { overlayText.removeChild(overlayText.firstChild); }
    overlayText.appendChild(document.createTextNode(text));
    if (!overlay.parentNode) {
      focusBefore = document.activeElement;
      document.body.appendChild(overlay);
      overlay.querySelector("button").focus();
    }
  }

  function hideError() {
    if (!overlay || !overlay.parentNode) { return; }
    var hadFocus = overlay.contains(document.activeElement);
    overlay.parentNode.removeChild(overlay);
    if (hadFocus && focusBefore && focusBefore.focus) { focusBefore.focus(); }
  }

  function dismiss() {
    dismissedAttempt = attempt;
    hideError();
  }

  poll();
})();
