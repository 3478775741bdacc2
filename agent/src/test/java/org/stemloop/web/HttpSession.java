package org.stemloop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A browser without a browser: java.net.http with a cookie jar and the CSRF header. */
final class HttpSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient client;
    String csrf;

    HttpSession(String base) {
        this(base, null);
    }

    /** A session over HTTPS trusting {@code tls}'s certificates ({@code null}: the JDK's defaults). */
    HttpSession(String base, javax.net.ssl.SSLContext tls) {
        this.base = base;
        // the connect timeout covers the TLS handshake too, slow on a busy machine with a cold JIT
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(tls == null ? 5 : 30));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    /** A session logged in as {@code user}. */
    static HttpSession loggedIn(String base, String user, String password) throws Exception {
        HttpSession s = new HttpSession(base);
        HttpResponse<String> r = s.login(user, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + user + " answered " + r.statusCode() + ": " + r.body());
        }
        return s;
    }

    HttpResponse<String> login(String user, String password) throws Exception {
        csrf = JSON.readTree(get("/api/csrf").body()).get("csrf").asText();
        HttpResponse<String> r = post("/api/login", JSON.createObjectNode().put("username", user)
                .put("password", password).toString());
        if (r.statusCode() == 200) {
            csrf = JSON.readTree(r.body()).get("csrf").asText();
        }
        return r;
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            b.header(Auth.CSRF_HEADER, csrf);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
