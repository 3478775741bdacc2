package org.stemloop.mqtt;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Authenticates the messages between the agent and the web UI: an HMAC-SHA256 over the topic and the
 * payload with a key only they hold, carried as the MQTT 5 user property {@value #PROPERTY} (base64url).
 * The agent signs everything it publishes (detections, Pareto fronts, errors, status and its will); the
 * web UI signs its control messages. Whoever else can publish on the broker can still send messages,
 * but not ones that verify: the web UI shows only verified results and says when an unverified one
 * arrived, and the agent records the {@code by} of an unverified control message as claimed.
 *
 * <p>The key is 32 random bytes in a file ({@link #DEFAULT_KEY_FILE}, or {@value #KEY_FILE_ENV}),
 * created owner-only ({@code 600}) when missing; agents and web UIs that trust each other share it.
 * It is installed per Vert.x instance ({@link #install}); the MQTT bridge signs with the installed key
 * when there is one ({@link #message}).
 *
 * <p>What it does not do: replay. A message the agent signed can be published again as it was (an old
 * front as the current one); the broker's ACL, which lets only the agent publish results, is the
 * defence there (docs/web.md, Security).
 */
public final class MessageSigning {

    /** The MQTT 5 user property carrying the signature. */
    public static final String PROPERTY = "stemloop-hmac";
    /** Where the key lives unless {@value #KEY_FILE_ENV} says otherwise. */
    public static final Path DEFAULT_KEY_FILE = Path.of("stemloop-data", "mqtt-signing.key");
    /** Names another key file. */
    public static final String KEY_FILE_ENV = "STEMLOOP_SIGNING_KEY_FILE";

    private static final String MAP = "stemloop.message-signing";
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    private MessageSigning(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("A message-signing key needs at least 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** A key of these bytes (at least 32). */
    public static MessageSigning of(byte[] key) {
        return new MessageSigning(key);
    }

    /** The key file of {@value #KEY_FILE_ENV}, else {@link #DEFAULT_KEY_FILE}. */
    public static Path keyFile() {
        String env = System.getenv(KEY_FILE_ENV);
        return env == null || env.isBlank() ? DEFAULT_KEY_FILE : Path.of(env);
    }

    /** Reads the key in {@code file}, creating it (32 random bytes, mode 600) when missing. Blocking. */
    public static MessageSigning loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, ".key", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection has to do
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh) + "\n");
                try {
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp); // another process made it first: use theirs
                }
            }
            return of(Base64.getDecoder().decode(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the message-signing key " + file + ": "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Message-signing key " + file + " is not 32+ bytes of base64: "
                    + e.getMessage(), e);
        }
    }

    /** The signature of {@code payload} on {@code topic}. */
    public String sign(String topic, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(topic.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /** Whether {@code signature} (the user property, or {@code null}) is this key's of {@code payload} on {@code topic}. */
    public boolean verifies(String topic, byte[] payload, String signature) {
        return signature != null && MessageDigest.isEqual(sign(topic, payload).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** The user properties that carry the signature. */
    public MqttProperties properties(String topic, byte[] payload) {
        MqttProperties p = new MqttProperties();
        p.setUserProperties(List.of(new UserProperty(PROPERTY, sign(topic, payload))));
        return p;
    }

    /** Makes this the key of everything on {@code vertx} (the agent's bridge, the web UI); returns it. */
    public MessageSigning installOn(Vertx vertx) {
        vertx.sharedData().<String, byte[]>getLocalMap(MAP).put("key", key.getEncoded());
        return this;
    }

    /** The key installed on {@code vertx}, if any. */
    public static Optional<MessageSigning> on(Vertx vertx) {
        LocalMap<String, byte[]> map = vertx.sharedData().getLocalMap(MAP);
        byte[] bytes = map.get("key");
        return Optional.ofNullable(bytes).map(MessageSigning::new);
    }

    /** A message for the broker, signed when {@code vertx} has a key ({@link #on}). */
    public static MqttMessage message(Vertx vertx, String topic, byte[] payload, int qos, boolean retain) {
        MqttMessage m = new MqttMessage(payload, qos, retain, null);
        on(vertx).ifPresent(s -> m.setProperties(s.properties(topic, payload)));
        return m;
    }

    /** The will's properties: its signature when {@code vertx} has a key, else none. */
    public static MqttProperties willProperties(Vertx vertx, String topic, byte[] payload) {
        return on(vertx).map(s -> s.properties(topic, payload)).orElseGet(MqttProperties::new);
    }
}
