// Type-ahead for the search box: an ARIA 1.2 combobox with a listbox popup.
// Without this script the box is a plain GET form.
(function () {
  "use strict";
  var form = document.querySelector("form.search-box");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[role=combobox]");
  var list = form.querySelector("[role=listbox]");
  var status = form.querySelector("[data-suggest-status]");
  var active = -1, timer = null, latest = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true; list.innerHTML = ""; active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var items = options();
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function show(results) {
    list.innerHTML = "";
    results.forEach(function (entry, i) {
      var item = document.createElement("li");
      item.id = "site-search-option-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.url = entry.url;
      item.lang = entry.lang;
      item.textContent = entry.label;
      if (entry.label !== entry.title) {
        var title = document.createElement("span");
        title.className = "suggestion-title";
        title.textContent = " → " + entry.title;
        item.appendChild(title);
      }
      item.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = entry.url; });
      list.appendChild(item);
    });
    list.hidden = !results.length;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    status.textContent = said(results.length);
    active = -1;
  }

  // What the live region says, in the page's language (the form carries the words).
  function said(count) {
    if (!count) return form.dataset.statusNone;
    if (count === 1) return form.dataset.statusOne;
    return form.dataset.statusMany.replace("{count}", count);
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query.length < 2 || query.length > 200) { close(); return; }
    var ticket = ++latest;
    var url = form.dataset.suggestUrl + "?lang=" + encodeURIComponent(form.dataset.lang) + "&q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (ticket === latest) show(data.results); })
      .catch(close);
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 120); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) fetchSuggestions(); else highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    // Escape closes the list; the browser's own Escape in a search field would also empty it.
    else if (event.key === "Escape" && !list.hidden) { event.preventDefault(); close(); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location.href = options()[active].dataset.url; }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
