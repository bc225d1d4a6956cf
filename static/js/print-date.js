// The printout says when it was printed: today's date in the page's language, day first.
(function () {
  function fill() {
    var lang = document.documentElement.lang || "en";
    var options = lang === "de" ? { day: "2-digit", month: "2-digit", year: "numeric" } : { day: "numeric", month: "long", year: "numeric" };
    var today = new Date();
    document.querySelectorAll(".print-date").forEach(function (wrapper) {
      var time = wrapper.querySelector("time");
      time.textContent = today.toLocaleDateString(lang === "de" ? "de-DE" : "en-GB", options);
      time.setAttribute("datetime", today.toISOString().slice(0, 10));
      wrapper.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", fill);
  window.addEventListener("beforeprint", fill);
})();
