package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;

class LiveStateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static LiveState withFront() throws Exception {
        LiveState s = new LiveState("scope");
        s.onFrame("f-1", Frame.of(2, 2, new double[] {0, 1, 2, 3}));
        s.onPareto(json("{'frame_id': 'f-1', 'options': [{'id': 0, 'params': {'min_sigma': 1, 'max_sigma': 5,"
                + " 'num_sigma': 10, 'threshold': 0.2, 'overlap': 0.5}}, {'id': 1, 'params': {'min_sigma': 2,"
                + " 'max_sigma': 6, 'num_sigma': 10, 'threshold': 0.1, 'overlap': 0.5}}], 'recommended': 1}"));
        return s;
    }

    @Test
    void aChoiceWithTheCurrentVersionIsPendingAndMovesTheVersion() throws Exception {
        LiveState s = withFront();
        long v = s.version();
        Pending p = s.choose("1", v, "alice", "r-1");
        assertThat(p.state()).isEqualTo("pending");
        assertThat(p.paretoFrameId()).isEqualTo("f-1");
        assertThat(s.version()).isGreaterThan(v);
        assertThat(s.snapshot().get("pending").get("by").asText()).isEqualTo("alice");
    }

    @Test
    void detectionsWithTheChosenParametersMarkItApplied() throws Exception {
        LiveState s = withFront();
        s.choose("1", s.version(), "alice", "r-1");
        s.onDetections(json("{'frame_id': 'f-2', 'method': 'log*', 'params': {'min_sigma': 1, 'max_sigma': 5,"
                + " 'num_sigma': 10, 'threshold': 0.2, 'overlap': 0.5}, 'atoms': []}"));
        assertThat(s.snapshot().get("pending").get("state").asText()).as("other parameters").isEqualTo("pending");
        s.onDetections(json("{'frame_id': 'f-3', 'method': 'log*', 'params': {'min_sigma': 2.0, 'max_sigma': 6,"
                + " 'num_sigma': 10, 'threshold': 0.1, 'overlap': 0.5}, 'atoms': []}"));
        JsonNode pending = s.snapshot().get("pending");
        assertThat(pending.get("state").asText()).isEqualTo("applied");
        assertThat(pending.get("applied_frame_id").asText()).isEqualTo("f-3");
    }

    @Test
    void theAgentsReannouncedFrontWithAppliedSettlesTheChoice() throws Exception {
        LiveState s = withFront();
        s.choose("0", s.version(), "alice", "r-1");
        JsonNode front = s.snapshot().get("pareto").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) front).put("applied", 1);
        s.onPareto(front);
        assertThat(s.snapshot().get("pending").get("state").asText()).as("another option").isEqualTo("pending");
        ((com.fasterxml.jackson.databind.node.ObjectNode) front).put("applied", 0);
        s.onPareto(front);
        assertThat(s.snapshot().get("pending").get("state").asText()).isEqualTo("applied");
        s.onDetections(json("{'frame_id': 'f-4', 'method': 'log*', 'params': {'min_sigma': 1, 'max_sigma': 5,"
                + " 'num_sigma': 10, 'threshold': 0.2, 'overlap': 0.5}, 'atoms': []}"));
        assertThat(s.snapshot().get("pending").get("applied_frame_id").asText()).as("first frame with it")
                .isEqualTo("f-4");
    }

    @Test
    void aBadControlAnswerMarksThePendingChoiceRefused() throws Exception {
        LiveState s = withFront();
        s.choose("0", s.version(), "alice", "r-1");
        s.onError(json("{'error': 'bad-control', 'detail': 'Unknown control action: choose'}"));
        assertThat(s.snapshot().get("pending").get("state").asText()).isEqualTo("refused");
        assertThat(s.snapshot().get("pending").get("detail").asText()).contains("Unknown control action");
    }

    @Test
    void aLateJoinerSeesTheNewestDetectedFrameWithItsLayers() throws Exception {
        LiveState s = withFront();
        s.onDetections(json("{'frame_id': 'f-1', 'method': 'log*', 'params': {}, 'atoms': [[1, 1, 2]]}"));
        s.onDetections(json("{'frame_id': 'f-1', 'method': 'unet', 'params': {}, 'atoms': [[1, 1]]}"));
        s.onFrame("f-2", Frame.of(2, 2, new double[4]));
        JsonNode snap = s.snapshot();
        assertThat(snap.get("frame").get("frame_id").asText()).as("f-2 has no detections yet").isEqualTo("f-1");
        assertThat(snap.get("detections").fieldNames()).toIterable().containsExactly("log*", "unet");
        assertThat(snap.get("frame").get("image").asText()).isEqualTo("/api/live/frames/f-1/image.png");
    }

    @Test
    void aLateUnetLayerJoinsItsFrameWithoutMovingTheViewBack() throws Exception {
        LiveState s = withFront();
        s.onFrame("f-1", Frame.of(2, 2, new double[4]));
        s.onFrame("f-2", Frame.of(2, 2, new double[4]));
        s.onDetections(json("{'frame_id': 'f-1', 'method': 'log*', 'params': {}, 'atoms': [[1, 1, 2]]}"));
        s.onDetections(json("{'frame_id': 'f-2', 'method': 'log*', 'params': {}, 'atoms': [[1, 1, 2]]}"));
        s.onDetections(json("{'frame_id': 'f-1', 'method': 'unet', 'params': null, 'atoms': [[1, 1, 0.9]]}"));
        JsonNode snap = s.snapshot();
        assertThat(snap.get("frame").get("frame_id").asText()).isEqualTo("f-2");
        assertThat(snap.get("detections").fieldNames()).toIterable().containsExactly("log*");
        s.onDetections(json("{'frame_id': 'f-2', 'method': 'unet', 'params': null, 'atoms': [[1, 1, 0.9]]}"));
        assertThat(s.snapshot().get("detections").fieldNames()).toIterable().containsExactly("log*", "unet");
    }

    @Nested
    class Conflicts {

        @Test
        void aSecondChoiceOnTheSameVersionIsAConflictNamingTheFirst() throws Exception {
            LiveState s = withFront();
            long seen = s.version();
            s.choose("1", seen, "alice", "r-1");
            assertThatThrownBy(() -> s.choose("0", seen, "bob", "r-2"))
                    .isInstanceOfSatisfying(LiveState.Conflict.class, c -> assertThat(c.status).isEqualTo(409))
                    .hasMessageContaining("option 1 by alice");
        }

        @Test
        void aNewFrontInvalidatesWhatTheOperatorSaw() throws Exception {
            LiveState s = withFront();
            long seen = s.version();
            s.onPareto(json("{'frame_id': 'f-9', 'options': []}"));
            assertThatThrownBy(() -> s.choose("1", seen, "alice", "r-1")).isInstanceOf(LiveState.Conflict.class);
        }

        @Test
        void anUnknownOptionIs404() throws Exception {
            LiveState s = withFront();
            assertThatThrownBy(() -> s.choose("7", s.version(), "alice", "r-1"))
                    .isInstanceOfSatisfying(LiveState.Conflict.class, c -> assertThat(c.status).isEqualTo(404));
        }
    }
}
