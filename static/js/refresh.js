/* Refresh page: while a refresh is queued or running, poll its status and update the table; reload when done. */
(function () {
  "use strict";
  var table = document.getElementById("refresh-table");
  var live = document.getElementById("refresh-live");
  if (!table) { return; }
  var wasActive = false;

  function update(run) {
    var tr = table.querySelector('tr[data-source="' + run.source + '"]');
    if (!tr) { return; }
    tr.querySelector('[data-cell="status"]').innerHTML = '<span class="badge ' + run.status + '">' + run.status + "</span>";
    if (run.total) {
      var done = run.done || 0;
      tr.querySelector('[data-cell="progress"]').innerHTML = '<progress max="' + run.total + '" value="' + done + '"></progress> ' +
        done + "/" + run.total;
    }
  }

  function poll() {
    fetch(table.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        body.runs.forEach(update);
        if (body.active) {
          wasActive = true;
          live.textContent = "Refresh in progress…";
          setTimeout(poll, 2000);
        } else if (wasActive) {
          live.textContent = "Refresh finished; reloading.";
          window.location.reload();
        }
      })
      .catch(function () { live.textContent = "Could not read the refresh status."; });
  }
  poll();
}());
