// Live results for a clinical function: the form still posts without JavaScript;
// with it, every change is sent to the API and the result redrawn in place.
(function () {
  "use strict";
  var form = document.querySelector(".function-form");
  var result = document.getElementById("result");
  if (!form || !result || !window.fetch) return;
  var texts = JSON.parse(document.getElementById("function-texts").textContent);

  function csrfToken() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function list(items, className) {
    return items.length ? element("ul", {class: className}, items.map(function (text) { return element("li", {}, [text]); })) : null;
  }

  function status(item) {
    if (item.points !== null) return item.points + " / " + item.max_points;
    return item.met ? texts.met : (item.met === null ? texts.open : texts.not_met);
  }

  function render(data) {
    var scored = data.total !== null;
    var rows = [], group = null;
    data.items.forEach(function (item) {
      if (item.group && item.group !== group) {
        rows.push(element("tr", {class: "group"}, [element("th", {scope: "rowgroup", colspan: "2"}, [item.group])]));
      }
      group = item.group;
      var mark = item.met ? "☑" : (item.met === null ? "☐" : "☒");
      var label = element("td", {}, [element("span", {class: "check", "aria-hidden": "true"}, [mark]), " " + item.label]);
      if (item.detail) { label.appendChild(element("br")); label.appendChild(element("span", {class: "detail"}, [item.detail])); }
      var tests = list(item.tests, "tests");
      if (tests) label.appendChild(tests);
      rows.push(element("tr", {class: item.met ? "met" : (item.met === null ? "open" : "not-met")}, [label, element("td", {}, [status(item)])]));
    });
    var parts = [
      element("h2", {id: "result-heading"}, [texts.result]),
      element("p", {class: "outcome outcome-" + data.outcome.code}, [element("strong", {}, [data.outcome.label])]),
      scored ? element("p", {class: "total"}, [texts.total + ": ", element("strong", {}, [String(data.total)]),
        " " + texts.points_of.replace("%(low)s", data.range.min).replace("%(high)s", data.range.max)]) : null,
      element("p", {}, [data.outcome.explanation]),
      list(data.reasons, "reasons"),
      data.warnings.length ? element("div", {class: "warnings", role: "note"}, data.warnings.map(function (w) { return element("p", {}, ["⚠ " + w]); })) : null,
      element("table", {class: "result-items"}, [
        element("thead", {}, [element("tr", {}, [element("th", {scope: "col"}, [texts.item]), element("th", {scope: "col"}, [scored ? texts.points : texts.status])])]),
        element("tbody", {}, rows)
      ]),
      list(data.notes, "notes"),
      element("p", {class: "print-hint"}, [element("button", {type: "button", class: "print-button"}, [texts.print])])
    ];
    result.replaceChildren.apply(result, parts.filter(Boolean));
    bindPrint();
  }

  // Messages from an earlier posted form are stale once the inputs give a result.
  function clearServerErrors() {
    form.parentNode.querySelectorAll(".error-summary, .field-error").forEach(function (node) { node.remove(); });
    form.querySelectorAll(".has-error").forEach(function (node) { node.classList.remove("has-error"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
  }

  function bindPrint() {
    result.querySelectorAll(".print-button").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () { window.print(); };
    });
  }

  function values() {
    var body = {};
    new FormData(form).forEach(function (value, key) { if (key !== "csrfmiddlewaretoken") body[key] = value; });
    return body;
  }

  var pending = 0;
  function update() {
    var request = ++pending;
    fetch(form.dataset.api, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify(values())
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (answer) {
      if (request !== pending) return;  // a newer change is on its way
      if (answer.ok) {
        clearServerErrors();
        render(answer.data);
      } else {
        result.replaceChildren(element("p", {class: "incomplete"}, [form.dataset.incomplete]));
      }
    }).catch(function () { /* offline: the form still posts */ });
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  bindPrint();
})();
