// Every htmx request carries the session's CSRF token (read from the page's meta tag).
"use strict";
(function () {
  const meta = document.querySelector('meta[name="csrf-token"]');
  document.addEventListener("htmx:configRequest", function (event) {
    if (meta) { event.detail.headers["X-CSRF-Token"] = meta.content; }
    // Filters left empty stay out of the URL (it is pushed to the address bar and shared).
    const data = event.detail.formData;
    if (event.detail.verb === "get" && data && typeof data.delete === "function") {
      Array.from(data.keys()).forEach(function (key) {
        if (data.get(key) === "") { data.delete(key); }
      });
    }
  });
})();
