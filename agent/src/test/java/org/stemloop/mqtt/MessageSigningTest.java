package org.stemloop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HMAC that authenticates the agent's results and the web UI's control messages. */
class MessageSigningTest {

    @TempDir
    Path dir;

    private static final byte[] PAYLOAD = "{\"action\":\"pause\",\"by\":\"erin\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureVerifiesOnlyWithItsKeyTopicAndPayload() {
        MessageSigning key = MessageSigning.loadOrCreate(dir.resolve("k"));
        String sig = key.sign("stemloop/m/control", PAYLOAD);
        assertThat(key.verifies("stemloop/m/control", PAYLOAD, sig)).isTrue();
        assertThat(key.verifies("stemloop/m/pareto", PAYLOAD, sig)).as("another topic").isFalse();
        assertThat(key.verifies("stemloop/m/control", "{\"action\":\"pause\",\"by\":\"eve\"}"
                .getBytes(StandardCharsets.UTF_8), sig)).as("another payload").isFalse();
        assertThat(MessageSigning.loadOrCreate(dir.resolve("other")).verifies("stemloop/m/control", PAYLOAD, sig))
                .as("another key").isFalse();
        assertThat(key.verifies("stemloop/m/control", PAYLOAD, null)).as("no signature").isFalse();
        assertThat(key.verifies("stemloop/m/control", PAYLOAD, "")).isFalse();
    }

    @Test
    void theKeyFileIsMadeOnceOwnerOnlyAndReadAgain() throws Exception {
        Path file = dir.resolve("stemloop-data").resolve("mqtt-signing.key");
        MessageSigning first = MessageSigning.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        MessageSigning again = MessageSigning.loadOrCreate(file);
        assertThat(again.sign("t", PAYLOAD)).isEqualTo(first.sign("t", PAYLOAD));
        Files.writeString(file, "c2hvcnQ=\n");
        assertThatThrownBy(() -> MessageSigning.loadOrCreate(file)).hasMessageContaining(file.toString());
    }

    @Test
    void theBridgesMessagesAreSignedOnceAKeyIsInstalled() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MqttMessage plain = MessageSigning.message(vertx, "stemloop/m/pareto", PAYLOAD, 1, true);
            assertThat(plain.getProperties()).isNull();
            MessageSigning key = MessageSigning.loadOrCreate(dir.resolve("k")).installOn(vertx);
            MqttMessage signed = MessageSigning.message(vertx, "stemloop/m/pareto", PAYLOAD, 1, true);
            assertThat(signed.getProperties().getUserProperties()).singleElement().satisfies(p -> {
                assertThat(p.getKey()).isEqualTo(MessageSigning.PROPERTY);
                assertThat(key.verifies("stemloop/m/pareto", PAYLOAD, p.getValue())).isTrue();
            });
            assertThat(signed.isRetained()).isTrue();
            assertThat(signed.getQos()).isEqualTo(1);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
