/* Ranking page: profile selector auto-submit and weight sliders that re-rank the
   table in place and keep their state in the page's address (so a copied link opens the same preview). */
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
  var method = document.getElementById("w-method");
  var sliders = Array.prototype.slice.call(form.querySelectorAll('input[type="range"]'));
  var whatIfNames = sliders.map(function (input) { return input.name; }).concat(["method"]);
  var labels = {};
  legend.forEach(function (item) { labels[item.key] = item.label; });

  function changes() {
    var list = [];
    sliders.forEach(function (input) {
      if (Number(input.value) !== Number(input.dataset.initial)) {
        list.push(labels[input.name] + " " + Number(input.dataset.initial) + " → " + Number(input.value));
      }
    });
    if (method && method.value !== form.dataset.storedMethod) {
      list.push("method " + form.dataset.storedMethod + " → " + method.value);
    }
    return list;
  }

  function whatIfPairs() {
    var pairs = sliders.map(function (input) { return [input.name, String(Number(input.value))]; });
    if (method) { pairs.push(["method", method.value]); }
    return pairs;
  }

  function withWhatIf(search, active) {
    var params = new URLSearchParams(search);
    whatIfNames.forEach(function (name) { params.delete(name); });
    if (active) { whatIfPairs().forEach(function (pair) { params.set(pair[0], pair[1]); }); }
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function rewriteLink(link, active) {
    var url = new URL(link.getAttribute("href"), window.location.href);
    link.setAttribute("href", url.pathname + withWhatIf(url.search, active) + url.hash);
  }

  // Keep the address, the export, pager and sort links, the filter form and the curators' save form in step.
  function syncState() {
    var list = changes(), active = list.length > 0;
    var address = window.location.pathname + withWhatIf(window.location.search, active) + window.location.hash;
    window.history.replaceState(null, "", address);
    document.querySelectorAll("a[data-whatif-link], nav.pager a, a.sort").forEach(function (a) { rewriteLink(a, active); });
    var hidden = document.getElementById("whatif-hidden");
    if (hidden) {
      hidden.textContent = "";
      if (active) {
        whatIfPairs().forEach(function (pair) {
          var input = document.createElement("input");
          input.type = "hidden"; input.name = pair[0]; input.value = pair[1];
          hidden.appendChild(input);
        });
      }
    }
    document.querySelectorAll("[data-whatif-fields] input").forEach(function (input) {
      var source = input.name === "method" ? method : document.getElementById("w-" + input.name);
      if (source) { input.value = source.value; }
    });
    var params = new URLSearchParams();
    whatIfPairs().forEach(function (pair) { params.set(pair[0], pair[1]); });
    document.querySelectorAll("a[data-new-profile]").forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").split("?")[0] + "?" + params.toString());
    });
    var notice = document.getElementById("whatif-notice");
    if (notice) {
      notice.hidden = !active;
      document.getElementById("whatif-summary").textContent = active ?
        "The ranking below uses weights that differ from the stored profile " + form.dataset.profile + ": " +
        list.join("; ") + ". Nothing is saved; this page's address carries them, so it can be shared." : "";
    }
  }

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
    whatIfPairs().forEach(function (pair) { params.set(pair[0], pair[1]); });
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
    syncState();
    clearTimeout(timer);
    timer = setTimeout(rerank, 250);
  });

  if (method) {
    method.addEventListener("change", function () { syncState(); clearTimeout(timer); rerank(); });
  }

  form.addEventListener("reset", function (event) {
    clearTimeout(timer);
    sequence++;
    if (form.dataset.whatif === "1") {  // the page itself is a preview: load the stored ranking
      event.preventDefault();
      window.location.assign(window.location.pathname + withWhatIf(window.location.search, false));
      return;
    }
    setTimeout(function () {
      sliders.forEach(function (input) {
        input.value = input.dataset.initial;
        document.getElementById(input.id + "-out").textContent = Number(input.dataset.initial).toFixed(2);
      });
      if (method) { method.value = method.dataset.initial; }
      syncState();
      tbody.innerHTML = original;
      status.textContent = "Back to the profile's stored ranking.";
    }, 0);
  });

  form.addEventListener("submit", function (event) { event.preventDefault(); rerank(); });
}());
