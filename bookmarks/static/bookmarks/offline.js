// Offline reading: registers the service worker (/sw.js) and asks it to bring the
// reader's bookmarked articles up to date. The worker asks the server what to keep;
// for anonymous and unverified readers the answer is "nothing", and it clears what it has.
// Logging out tells the worker to clear at once (the answer to the logout also carries
// Clear-Site-Data, and the next page's sync finds nobody logged in).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[action$='/accounts/logout/']") && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "clear" });
    }
  });
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (registration.active) registration.active.postMessage({ type: "sync" });
  }).catch(function () { /* reading online works without it */ });
})();
