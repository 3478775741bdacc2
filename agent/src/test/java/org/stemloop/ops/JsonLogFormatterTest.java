package org.stemloop.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JSON log lines through real JUL loggers: Vert.x's own logger, a frame logger, an exception. */
class JsonLogFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Handler handler;
    private Logger root;

    @BeforeEach
    void capture() {
        handler = new StreamHandler(out, new JsonLogFormatter());
        handler.setLevel(Level.ALL);
        root = Logger.getLogger("org.stemloop.ops");
        root.addHandler(handler);
    }

    @AfterEach
    void release() {
        root.removeHandler(handler);
    }

    @Test
    void everyRecordIsOneJsonObjectOnOneLine() throws Exception {
        // Vert.x's logger API, as the verticles use it (it delegates to JUL here)
        io.vertx.core.internal.logging.LoggerFactory.getLogger("org.stemloop.ops.test.Vertx")
                .warn("broker gone:\n\"reconnecting\"");
        FrameLog.of(JsonLogFormatterTest.class).info("f-7", "Frame f-7 skipped");
        Logger.getLogger("org.stemloop.ops.test.Plain").log(Level.SEVERE, "commit failed",
                new IllegalStateException("disk full"));
        handler.flush();

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(3);
        JsonNode vertx = JSON.readTree(lines[0]);
        assertThat(vertx.get("level").asText()).isEqualTo("WARNING");
        assertThat(vertx.get("logger").asText()).isEqualTo("org.stemloop.ops.test.Vertx");
        assertThat(vertx.get("message").asText()).isEqualTo("broker gone:\n\"reconnecting\"");
        assertThat(vertx.has("frame_id")).isFalse();
        assertThat(java.time.Instant.parse(vertx.get("time").asText())).isNotNull();

        JsonNode frame = JSON.readTree(lines[1]);
        assertThat(frame.get("frame_id").asText()).isEqualTo("f-7");
        assertThat(frame.get("logger").asText()).isEqualTo(JsonLogFormatterTest.class.getName());
        assertThat(frame.get("message").asText()).isEqualTo("Frame f-7 skipped");

        JsonNode failure = JSON.readTree(lines[2]);
        assertThat(failure.get("level").asText()).isEqualTo("SEVERE");
        assertThat(failure.get("error").asText()).isEqualTo("java.lang.IllegalStateException: disk full");
        assertThat(failure.get("stack").asText()).contains("JsonLogFormatterTest.everyRecordIsOneJsonObjectOnOneLine");
    }

    @Test
    void thePlainFormatPrintsAFrameLinesMessageUnchanged() {
        handler.setFormatter(new SimpleFormatter());
        FrameLog.of(JsonLogFormatterTest.class).warn("f-9", "Frame f-9 rejected: bad pixel", null);
        handler.flush();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("WARNING: Frame f-9 rejected: bad pixel").doesNotContain("{");
        assertThat(text).as("the source is the frame's logger, not the helper")
                .contains(JsonLogFormatterTest.class.getName()).doesNotContain("FrameLog");
    }

    @Test
    void theFormatIsChosenByName() {
        assertThat(LogFormat.parse("JSON")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.parse(null)).isEqualTo(LogFormat.PLAIN);
        assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessage("log-format must be plain or json: xml");
    }
}
