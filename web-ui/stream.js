// stemloop: the live stream (Server-Sent Events) that survives a lost connection (issue 19). On an error the
// stream is closed, the session checked (an expired one goes to the login page, which brings the user back),
// and the stream reopened after 1, 2, 4 ... 30 s, saying so on the page. app.js calls stemStream.open.
"use strict";
(function () {
  const MAX_DELAY_S = 30;

  /**
   * Opens {@code url} and passes each "state" event's data to {@code onState}; {@code api} is app.js's fetch
   * wrapper (it sends a 401 to the login page); {@code say} shows a line about the stream ("" clears it).
   */
  function open(url, onState, api, say) {
    let attempt = 0;
    let source = null;
    let timer = null;
    const connect = () => {
      timer = null;
      source = new EventSource(url);
      source.addEventListener("state", (e) => {
        if (attempt > 0) {
          say("");
        }
        attempt = 0;
        onState(JSON.parse(e.data));
      });
      // the server ends the stream at logout, session expiry, removal or a role change: back to the login
      source.addEventListener("logout", () => {
        source.close();
        window.location.href = "/login.html";
      });
      source.onerror = lost;
    };
    const lost = async () => {
      source.close();
      if (timer !== null) {
        return;
      }
      say("Live stream lost; checking the session…");
      try {
        await api("/api/me"); // 401: to the login page, and back here after it
      } catch (e) {
        // the server is unreachable: retry below
      }
      const delay = Math.min(MAX_DELAY_S, 2 ** attempt);
      attempt++;
      say(`Live stream lost; reconnecting in ${delay} s (attempt ${attempt})…`);
      timer = setTimeout(connect, delay * 1000);
    };
    connect();
    return {close: () => { if (source) { source.close(); } if (timer !== null) { clearTimeout(timer); } }};
  }

  window.stemStream = {open};
})();
