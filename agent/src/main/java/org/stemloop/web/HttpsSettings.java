package org.stemloop.web;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HTTPS for the web UI: a PEM certificate and key (what {@code openssl} and Let's Encrypt write) or a
 * PKCS#12 keystore (what {@code keytool} and Windows CAs write), never both.
 *
 * @param certFile         PEM certificate chain (server certificate first), or {@code null} with a keystore
 * @param keyFile          its PEM private key (PKCS#8 or PKCS#1), or {@code null} with a keystore
 * @param keystore         PKCS#12 file holding the key and chain, or {@code null} with PEM files
 * @param keystorePassword the keystore's password (from a config file, the environment or a file; never a
 *                         flag), {@code null} for none
 */
public record HttpsSettings(Path certFile, Path keyFile, Path keystore, String keystorePassword) {

    public HttpsSettings {
        boolean pem = certFile != null || keyFile != null;
        if (pem && keystore != null) {
            throw new IllegalArgumentException("Give https-cert and https-key, or https-keystore, not both");
        }
        if (pem && (certFile == null || keyFile == null)) {
            throw new IllegalArgumentException("HTTPS needs both https-cert and https-key, got only "
                    + (certFile == null ? "https-key" : "https-cert"));
        }
        if (!pem && keystore == null) {
            throw new IllegalArgumentException("HTTPS needs https-cert and https-key, or https-keystore");
        }
        for (Path p : new Path[] {certFile, keyFile, keystore}) {
            if (p != null && !Files.isReadable(p)) {
                throw new IllegalArgumentException("HTTPS file not found or not readable: " + p);
            }
        }
    }

    /** PEM certificate and key. */
    public static HttpsSettings pem(Path certFile, Path keyFile) {
        return new HttpsSettings(certFile, keyFile, null, null);
    }

    /** Turns TLS on in {@code options} with this certificate. */
    HttpServerOptions applyTo(HttpServerOptions options) {
        options.setSsl(true);
        if (keystore != null) {
            options.setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(keystorePassword));
        } else {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile.toString())
                    .setKeyPath(keyFile.toString()));
        }
        return options;
    }

    @Override
    public String toString() {
        // never print the keystore password
        return "HttpsSettings[certFile=%s, keyFile=%s, keystore=%s, keystorePassword=%s]".formatted(certFile, keyFile,
                keystore, keystorePassword == null ? "none" : "***");
    }
}
