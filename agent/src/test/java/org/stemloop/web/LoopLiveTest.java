package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.mqtt.Topics;

/** The loop's live state (issue 20): requests from poi and acquire, approvals checked, sites kept once. */
class LoopLiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics T = new Topics("m");
    private final LoopLive loop = new LoopLive();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private void poi(String frame, String request) throws Exception {
        loop.on(T, T.poi(), json(("{'frame_id': '%s', 'run_id': 'r1', 'points': [{'poi_id': 'p1', 'kind': 'dopant', "
                + "'row': 5, 'col': 6, 'score': 0.9, 'reason': 'bright'}, {'poi_id': 'p2', 'kind': 'boundary', 'row': 9, "
                + "'col': 9, 'score': 0.4, 'reason': 'crowded'}], 'request': {'request_id': '%s', 'frame_id': '%s', "
                + "'run_id': 'r1', 'state': 'pending', 'positions': [{'poi_id': 'p1', 'row': 5, 'col': 6, 'dwell_ms': 20},"
                + " {'poi_id': 'p2', 'row': 9, 'col': 9, 'dwell_ms': 20}]}}").formatted(frame, request, frame)));
    }

    @Test
    void aPendingRequestIsApprovedOnceWithOfferedPositionsAndTurnsSentOnAcquire() throws Exception {
        poi("f1", "acq-1");
        assertThat(loop.summary().get("pending").asInt()).isEqualTo(1);
        long version = loop.summary().get("version").asLong();
        JsonNode s = loop.snapshot("f1");
        assertThat(s.get("points")).hasSize(2);
        assertThat(s.get("pending").asInt()).isEqualTo(1);
        JsonNode offered = s.get("requests").get(0).get("offered");
        assertThat(offered.get(0).get("kind").asText()).isEqualTo("dopant");
        assertThat(offered.get(1).get("reason").asText()).isEqualTo("crowded");

        assertThatThrownBy(() -> loop.approving("acq-1", List.of(), "ada")).hasMessageContaining("No position");
        assertThatThrownBy(() -> loop.approving("acq-1", List.of("p9"), "ada")).hasMessageContaining("p9 is not offered");
        assertThatThrownBy(() -> loop.approving("acq-x", List.of("p1"), "ada"))
                .isInstanceOfSatisfying(LoopLive.Refused.class, r -> assertThat(r.status).isEqualTo(404));
        assertThat(loop.approving("acq-1", List.of("p1"), "ada").get("state").asText()).isEqualTo("approving");
        assertThat(loop.summary().get("version").asLong()).as("the page refetches").isGreaterThan(version);
        assertThatThrownBy(() -> loop.approving("acq-1", List.of("p1"), "bob"))
                .isInstanceOfSatisfying(LoopLive.Refused.class, r -> assertThat(r.status).isEqualTo(409))
                .hasMessageContaining("approved by ada");

        loop.on(T, T.acquire(), json("{'request_id': 'acq-1', 'frame_id': 'f1', 'state': 'sent', 'positions': "
                + "[{'poi_id': 'p1', 'row': 5, 'col': 6, 'dwell_ms': 20}]}"));
        JsonNode r = loop.snapshot("f1").get("requests").get(0);
        assertThat(r.get("state").asText()).isEqualTo("sent");
        assertThat(r.get("positions")).hasSize(1);
        assertThat(r.get("offered")).hasSize(2);
        assertThat(r.get("approved_by").asText()).isEqualTo("ada");
        assertThat(loop.snapshot("f1").get("pending").asInt()).isZero();
    }

    @Test
    void aRequestTheAgentExpiredIsNoLongerApprovable() throws Exception {
        poi("f1", "acq-1");
        poi("f2", "acq-2");
        poi("f3", "acq-3");
        loop.on(T, T.errors(), json("{'frame_id': 'f1', 'error': 'acquire-expired', 'detail': 'acquisition request acq-1 "
                + "(frame f1) expired: no approve-acquire within 120 s'}"));
        JsonNode expired = loop.snapshot(null).get("requests").get(2);
        assertThat(expired.get("request_id").asText()).isEqualTo("acq-1");
        assertThat(expired.get("state").asText()).isEqualTo("expired");
        assertThatThrownBy(() -> loop.approving("acq-1", List.of("p1"), "ada"))
                .isInstanceOfSatisfying(LoopLive.Refused.class, r -> assertThat(r.status).isEqualTo(409))
                .hasMessageContaining("expired");
        // approved just before the agent expired it: the agent's refusal says so
        loop.approving("acq-2", List.of("p1"), "ada");
        loop.on(T, T.errors(), json("{'error': 'bad-control', 'detail': 'approve-acquire: request acq-2 expired, made at "
                + "2026-12-02T13:00:00Z and not approved within 120 s (acquire-expiry-s); nothing sent'}"));
        assertThat(loop.snapshot(null).get("requests").get(1).get("state").asText()).isEqualTo("expired");
        assertThat(loop.snapshot(null).get("requests").get(0).get("state").asText()).as("the others stay pending")
                .isEqualTo("pending");
    }

    @Test
    void theAgentsRefusalNamingTheRequestEndsTheWaitAndSitesAreKeptOnceEach() throws Exception {
        poi("f1", "acq-1");
        poi("f2", "acq-2");
        loop.approving("acq-1", List.of("p1", "p2"), "ada");
        loop.on(T, T.errors(), json("{'error': 'bad-control', 'detail': 'approve-acquire: out of budget: request acq-2'}"));
        assertThat(loop.snapshot(null).get("requests").get(1).get("state").asText()).isEqualTo("approving");
        loop.on(T, T.errors(), json("{'error': 'bad-control', 'detail': 'approve-acquire: out of budget: request "
                + "acq-1 asks 40 ms'}"));
        JsonNode refused = loop.snapshot(null).get("requests").get(1);
        assertThat(refused.get("state").asText()).isEqualTo("refused");
        assertThat(refused.get("detail").asText()).contains("out of budget");
        // refused: it may be approved again (fewer positions)
        assertThat(loop.approving("acq-1", List.of("p1"), "ada").get("state").asText()).isEqualTo("approving");

        JsonNode site = json("{'request_id': 'acq-1', 'poi_id': 'p1', 'frame_id': 'f1', 'element': 'Si'}");
        loop.on(T, T.sites(), site);
        loop.on(T, T.sites(), site);
        assertThat(loop.snapshot("f2").get("sites")).hasSize(1);
        assertThat(loop.snapshot("f2").get("frame_id").asText()).isEqualTo("f2");
        assertThat(loop.snapshot("gone").get("frame_id").asText()).as("newest frame with points").isEqualTo("f2");
    }
}
