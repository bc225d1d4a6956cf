// A citation marker [n] shows its reference when it has keyboard focus or the pointer rests on it.
// Without this script the marker is still a link to the literature list (#ref-n).
// The preview is the public text of the literature list on the same page, never anything else.
(function () {
  var preview, current, hideTimer;

  function referenceFor(link) {
    var id = (link.getAttribute("href") || "").slice(1);
    var item = id && document.getElementById(id);
    var text = item && item.querySelector(".reference-text");
    return text ? text.textContent.trim() : "";
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    preview.style.maxWidth = Math.min(352, width - 16) + "px";
    var left = Math.max(8, Math.min(rect.left, width - preview.offsetWidth - 8));
    preview.style.left = left + window.scrollX + "px";
    preview.style.top = rect.bottom + window.scrollY + 6 + "px";
  }

  function show(link) {
    var text = referenceFor(link);
    if (!text) return;
    clearTimeout(hideTimer);
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    preview.textContent = link.textContent + ". " + text;
    preview.hidden = false;
    link.setAttribute("aria-describedby", preview.id);
    place(link);
  }

  function hide() {
    clearTimeout(hideTimer);
    preview.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function start() {
    var links = document.querySelectorAll("a.cite[href^='#ref-']");
    if (!links.length) return;
    preview = document.createElement("div");
    preview.id = "citation-preview";
    preview.className = "citation-preview";
    preview.setAttribute("role", "tooltip");
    preview.hidden = true;
    document.body.appendChild(preview);
    // The pointer may move onto the preview to read or select it.
    preview.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    preview.addEventListener("mouseleave", hideSoon);
    links.forEach(function (link) {
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("blur", hide);
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("mouseleave", hideSoon);
    });
    // Escape closes the preview without moving the focus.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !preview.hidden) hide();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
