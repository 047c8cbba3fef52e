/* Ranking page: profile selector auto-submit and weight sliders that re-rank the table in place. */
(function () {
  "use strict";

  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  var form = document.getElementById("weights-form");
  var table = document.getElementById("ranking-table");
  if (!form || !table) { return; }
  var tbody = table.tBodies[0];
  var status = document.getElementById("weights-status");
  var legend = JSON.parse(document.getElementById("legend-data").textContent);
  var original = tbody.innerHTML;
  var timer = null;
  var sequence = 0;

  function fmt(value, digits) { return value === null || value === undefined ? "—" : Number(value).toFixed(digits); }

  function barHtml(row) {
    var parts = [], label = "Score " + fmt(row.score, 3) + ":";
    legend.forEach(function (item) {
      var value = row.contributions[item.key] || 0;
      if (value > 0) {
        var text = item.label + ": " + value.toFixed(3);
        label += " " + item.label + " " + value.toFixed(3) + ";";
        parts.push('<span class="segment" style="width: ' + (value * 100).toFixed(2) + "%; background: " +
          item.colour + '" title="' + text + '"></span>');
      }
    });
    return '<div class="bar" role="img" aria-label="' + label + '">' + parts.join("") + "</div>";
  }

  function apply(rows) {
    var bySymbol = {};
    rows.forEach(function (row) { bySymbol[row.symbol] = row; });
    var trs = Array.prototype.slice.call(tbody.querySelectorAll("tr[data-symbol]"));
    trs.forEach(function (tr) {
      var row = bySymbol[tr.dataset.symbol];
      if (!row) { return; }
      tr.querySelector('[data-cell="rank"]').textContent = row.rank === null ? "—" : row.rank;
      tr.querySelector('[data-cell="score"]').textContent = fmt(row.score, 3);
      tr.querySelector('[data-cell="bar"]').innerHTML = barHtml(row);
      tr.querySelector('[data-cell="interval"]').classList.add("outdated");
      tr.dataset.rank = row.rank === null ? "" : row.rank;
    });
    trs.sort(function (a, b) {
      var ra = a.dataset.rank ? Number(a.dataset.rank) : Infinity;
      var rb = b.dataset.rank ? Number(b.dataset.rank) : Infinity;
      return ra - rb || a.dataset.symbol.localeCompare(b.dataset.symbol);
    });
    trs.forEach(function (tr) { tbody.appendChild(tr); });
    var first = trs.length ? trs[0].dataset.symbol : "";
    status.textContent = "Re-ranked with your weights" + (first ? ": " + first + " is first on this page." : ".");
  }

  function rerank() {
    var params = new URLSearchParams();
    params.set("profile", form.dataset.profile);
    form.querySelectorAll('input[type="range"]').forEach(function (input) { params.set(input.name, input.value); });
    var symbols = Array.prototype.map.call(tbody.querySelectorAll("tr[data-symbol]"), function (tr) {
      return tr.dataset.symbol;
    });
    params.set("symbols", symbols.join(","));
    var mine = ++sequence;
    status.textContent = "Re-ranking…";
    fetch(form.dataset.endpoint + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (mine !== sequence) { return; }
        if (!result.ok) { status.textContent = "Could not re-rank: " + result.body.error.message; return; }
        apply(result.body.rows);
      })
      .catch(function () { if (mine === sequence) { status.textContent = "Could not re-rank: no answer from the server."; } });
  }

  form.addEventListener("input", function (event) {
    if (event.target.type !== "range") { return; }
    var output = document.getElementById(event.target.id + "-out");
    if (output) { output.textContent = Number(event.target.value).toFixed(2); }
    clearTimeout(timer);
    timer = setTimeout(rerank, 250);
  });

  form.addEventListener("reset", function () {
    clearTimeout(timer);
    sequence++;
    setTimeout(function () {
      form.querySelectorAll('input[type="range"]').forEach(function (input) {
        document.getElementById(input.id + "-out").textContent = Number(input.dataset.initial).toFixed(2);
      });
      tbody.innerHTML = original;
      status.textContent = "Back to the profile's stored ranking.";
    }, 0);
  });

  form.addEventListener("submit", function (event) { event.preventDefault(); rerank(); });
}());
