package org.stemloop.mqtt;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * TLS for an {@code ssl://} broker URL (ignored for {@code tcp://}).
 *
 * @param caFile         PEM file of the CA(s) that signed the broker's certificate (Mosquitto's
 *                       {@code cafile}); {@code null} trusts the JDK's default CAs instead
 * @param certFile       PEM client certificate, for a listener with {@code require_certificate true};
 *                       {@code null} for none (then {@code keyFile} is {@code null} too)
 * @param keyFile        its unencrypted PKCS#8 PEM private key
 * @param verifyHostname check that the broker's certificate names the host of the URL (on by default;
 *                       turning it off lets anyone holding a certificate of the CA pose as the broker)
 */
public record BrokerTls(Path caFile, Path certFile, Path keyFile, boolean verifyHostname) {

    /** The JDK's CAs, no client certificate, hostname verification on. */
    public static final BrokerTls DEFAULT = new BrokerTls(null, null, null, true);

    public BrokerTls {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("A client certificate needs both broker-cert and broker-key, got "
                    + (certFile == null ? "only broker-key" : "only broker-cert"));
        }
    }

    /** Whether this asks for anything beyond the JDK's defaults. */
    public boolean isCustom() {
        return caFile != null || certFile != null;
    }

    /** Sets the socket factory and hostname verification of {@code options} (Paho uses them for ssl:// only). */
    void applyTo(MqttConnectionOptions options) {
        options.setHttpsHostnameVerificationEnabled(verifyHostname);
        if (isCustom()) {
            SSLContext context = PemTls.context(caFile, certFile, keyFile);
            options.setSocketFactory(context.getSocketFactory());
        }
    }
}
