package org.stemloop.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts from the PEM files Mosquitto users already have ({@code cafile}, {@code certfile},
 * {@code keyfile}), with the JDK only: no keystore to convert, no extra library.
 *
 * <p>Certificates: one or more {@code -----BEGIN CERTIFICATE-----} blocks. Private keys: unencrypted
 * PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey} writes), RSA or EC; other
 * forms get an error that says how to convert them.
 */
public final class PemTls {

    private PemTls() {
    }

    /**
     * A TLS 1.2+/1.3 context that trusts only the certificates in {@code caFile} (not the JDK's
     * defaults: a private CA is the point) and, when {@code certFile} and {@code keyFile} are given,
     * presents that client certificate.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no usable PEM
     */
    public static SSLContext context(Path caFile, Path certFile, Path keyFile) {
        try {
            TrustManagerFactory trust = null;
            if (caFile != null) {
                KeyStore trusted = emptyStore();
                List<? extends Certificate> cas = certificates(caFile);
                for (int i = 0; i < cas.size(); i++) {
                    trusted.setCertificateEntry("ca-" + i, cas.get(i));
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trusted);
            }
            KeyManager[] keys = null;
            if (certFile != null && keyFile != null) {
                // the store lives only in memory; its password protects nothing, but PKCS12 wants one
                char[] pass = UUID.randomUUID().toString().toCharArray();
                KeyStore identity = emptyStore();
                identity.setKeyEntry("client", privateKey(keyFile), pass,
                        certificates(certFile).toArray(Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity, pass);
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The certificates of a PEM file; at least one. */
    static List<? extends Certificate> certificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<? extends Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(in));
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("No certificate in PEM file " + pem);
            }
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read certificates from %s: %s".formatted(pem, e.getMessage()),
                    e);
        }
    }

    /** The private key of a PEM file: unencrypted PKCS#8, RSA or EC. */
    static PrivateKey privateKey(Path pem) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read private key file %s: %s".formatted(pem, e.getMessage()), e);
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(("No unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----) in %s;"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in OLD.key -out NEW.key").formatted(pem));
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // the PEM header does not say which algorithm; the key factory does
            }
        }
        throw new IllegalArgumentException("The private key in %s is neither RSA, EC nor Ed25519".formatted(pem));
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
