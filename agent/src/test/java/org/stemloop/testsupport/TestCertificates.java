package org.stemloop.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS tests, made with the {@code openssl} command line as an
 * operator would (docs/operations.md): a CA, a server certificate for {@code localhost} /
 * {@code 127.0.0.1} and a client certificate, all EC P-256, PEM, unencrypted PKCS#8 keys, valid for
 * two days.
 *
 * @param ca         the CA certificate (what clients trust: Mosquitto's {@code cafile}, our {@code broker-ca})
 * @param serverCert the server certificate, subject alternative names DNS:localhost and IP:127.0.0.1
 * @param serverKey  its key
 * @param clientCert a client certificate (CN=stemloop-agent) signed by the same CA
 * @param clientKey  its key
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

    /** Makes the CA and certificates in {@code dir}; needs {@code openssl} (Debian package openssl). */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        return create(dir, "DNS:localhost,IP:127.0.0.1");
    }

    /** As {@link #create(Path)}, with the server certificate naming {@code subjectAltNames} only. */
    public static TestCertificates create(Path dir, String subjectAltNames) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "2", "-subj", "/CN=stemloop test CA");
        Path serverCert = dir.resolve("server.pem");
        Path serverKey = dir.resolve("server.key");
        signed(dir, "server", "/CN=stemloop test broker", "subjectAltName=" + subjectAltNames, ca, caKey);
        Path clientCert = dir.resolve("client.pem");
        Path clientKey = dir.resolve("client.key");
        signed(dir, "client", "/CN=stemloop-agent", "extendedKeyUsage=clientAuth", ca, caKey);
        return new TestCertificates(ca, serverCert, serverKey, clientCert, clientKey);
    }

    /**
     * The server certificate and key as a PKCS#12 keystore (what {@code keytool} and Windows CAs hand out),
     * written beside them with {@code openssl pkcs12 -export}.
     */
    public Path serverPkcs12(String password) throws IOException, InterruptedException {
        Path p12 = serverCert.resolveSibling("server.p12");
        openssl(serverCert.getParent(), "pkcs12", "-export", "-in", serverCert.toString(), "-inkey",
                serverKey.toString(), "-name", "web", "-out", p12.toString(), "-passout", "pass:" + password);
        return p12;
    }

    private static void signed(Path dir, String name, String subject, String extension, Path ca, Path caKey)
            throws IOException, InterruptedException {
        Path csr = dir.resolve(name + ".csr");
        Path ext = Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", dir.resolve(name + ".key").toString(), "-out", csr.toString(), "-subj", subject);
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out",
                dir.resolve(name + ".pem").toString());
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Mosquitto.require("openssl", "openssl").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
