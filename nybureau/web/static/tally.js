/* The facilitator's screen: refresh the round's tally from tally.json every few seconds.
   Without JavaScript the page works the same; the "Refresh the tally" link reloads it. */
(function () {
  "use strict";
  var wrap = document.getElementById("tally-wrap");
  var summary = document.getElementById("tally-summary");
  if (!wrap || !window.fetch) { return; }
  var source = wrap.getAttribute("data-source");
  var every = 4000;
  var timer = null;

  function refresh() {
    fetch(source, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        wrap.innerHTML = data.html;
        if (summary && summary.innerHTML !== data.summary) { summary.innerHTML = data.summary; }
        wrap.setAttribute("data-state", data.state);
        if (data.state !== "open") {
          // the round is over: stop, and reload once so the join address and button go away
          window.clearInterval(timer);
          window.location.reload();
        }
      })
      .catch(function () { /* keep the last tally; the next refresh tries again */ });
  }

  timer = window.setInterval(refresh, every);
}());
