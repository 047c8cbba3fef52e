// Suggestions for the search box in the navigation: a debounced fetch of /search/suggest.json, shown as a
// listbox (arrow keys, Enter, Escape). Without JavaScript the box is a plain GET form to /search/.
(() => {
  const input = document.getElementById("site-search-q");
  const list = document.getElementById("site-search-list");
  const status = document.getElementById("site-search-status");
  if (!input || !list) return;
  const DELAY_MS = 200;
  let timer = null;
  let latest = 0;
  let active = -1;

  const options = () => Array.from(list.querySelectorAll("[role=option]"));

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const items = options();
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute("aria-selected", i === active ? "true" : "false"));
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function show(results) {
    list.replaceChildren();
    results.forEach((result, index) => {
      const item = document.createElement("li");
      item.id = `site-search-option-${index}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.url = result.url;
      const link = document.createElement("a");
      link.href = result.url;
      link.tabIndex = -1;
      const symbol = document.createElement("strong");
      symbol.textContent = result.symbol;
      const detail = document.createElement("small");
      detail.textContent = ` ${result.name || ""} · ${result.kind === "target" ? "curated target" : "gene"} · ${result.matched}`;
      link.append(symbol, detail);
      item.append(link);
      list.append(item);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    if (status) status.textContent = results.length ? `${results.length} suggestions` : "No suggestion";
    active = -1;
  }

  async function fetchSuggestions(query) {
    const ticket = ++latest;
    const url = `${input.dataset.suggest}?${new URLSearchParams({ q: query, limit: "8" })}`;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok || ticket !== latest) return;
      const body = await response.json();
      if (ticket === latest) show(body.results || []);
    } catch (error) {
      if (ticket === latest) close();
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query) {
      latest++;
      close();
      return;
    }
    timer = setTimeout(() => fetchSuggestions(query), DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight(active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.assign(options()[active].dataset.url);
    } else if (event.key === "Escape") {
      close();
    }
  });

  document.addEventListener("click", (event) => {
    if (!event.target.closest(".site-search")) close();
  });
})();
