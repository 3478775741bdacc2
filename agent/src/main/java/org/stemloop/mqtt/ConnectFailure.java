package org.stemloop.mqtt;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Says in one line why a connection to the broker failed, for an operator reading a log: Paho's own
 * messages ("MqttException", "Connection lost") hide TLS and authorisation failures in the causes.
 */
final class ConnectFailure {

    private ConnectFailure() {
    }

    /** Why a client could not connect to {@code url}, given Paho's failure {@code e}. */
    static String explain(String url, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            // PKIX path building failed: no chain from the broker's certificate to a CA we trust
            if (c instanceof CertPathBuilderException) {
                return "TLS: the broker's certificate is not signed by a trusted CA (set broker-ca to the PEM file of"
                        + " the CA that signed it): " + c.getMessage();
            }
            if (c instanceof CertPathValidatorException) {
                return "TLS: the broker's certificate chain is not valid (expired, not yet valid, or not for a"
                        + " server?): " + c.getMessage();
            }
            if (c instanceof CertificateException && String.valueOf(c.getMessage()).contains("No subject alternative")) {
                return "TLS: the broker's certificate does not name the host of " + url
                        + " (hostname verification): " + c.getMessage();
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLHandshakeException || c instanceof SSLException) {
                return "TLS handshake failed (is the listener TLS, does it require a client certificate?): "
                        + c.getMessage();
            }
        }
        if (e instanceof MqttException m && (m.getReasonCode() == 0x86 || m.getReasonCode() == 0x87
                || m.getReasonCode() == 0x04 || m.getReasonCode() == 0x05)) {
            return "not authorised (check the user name and the password): " + e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
