// Login: fetch the session's CSRF token, then POST the credentials with it.
"use strict";
(function () {
  const form = document.getElementById("login");
  const message = document.getElementById("message");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    try {
      const token = (await (await fetch("/api/csrf", {credentials: "same-origin"})).json()).csrf;
      const response = await fetch("/api/login", {
        method: "POST",
        credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
        body: JSON.stringify({
          username: document.getElementById("username").value,
          password: document.getElementById("password").value,
        }),
      });
      if (response.ok) {
        // back where the user was when the session ended: only a path on this server
        const next = new URLSearchParams(window.location.search).get("next");
        window.location.href = next && /^\/(?![\/\\])/.test(next) ? next : "/";
        return;
      }
      const answer = await response.json().catch(() => ({}));
      message.textContent = answer.detail || ("Login failed (" + response.status + ")");
    } catch (e) {
      message.textContent = "Cannot reach the server: " + e;
    }
  });
})();
