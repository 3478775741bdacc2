package org.stemloop.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.mqtt.Topics;
import org.stemloop.poi.SiteCall;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.EelsSpectrum;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;

/** The twin's answers to one acquisition request, without a broker: what it would publish, in order. */
class TwinAcquisitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Topics topics = new Topics("t");
    private final List<String[]> sent = new ArrayList<>();
    private final SimulatedFrame frame = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 128)
            .withNoiseLevel(0.05).withSeed(2).withDefects(Defects.NONE.withDopants(0.03)));

    private void answer(String request) throws Exception {
        TwinAcquisition.answer(request.getBytes(StandardCharsets.UTF_8), id -> id.equals("f1") ? frame : null, topics,
                (topic, body) -> sent.add(new String[] {topic, new String(body, StandardCharsets.UTF_8)}));
    }

    @Test
    void ackThenASpectrumPerPositionAndAnErrorForOneOutOfTheField() throws Exception {
        TrueAtom si = frame.atoms().stream().filter(a -> a.label().equals("Si")).findFirst().orElseThrow();
        TrueAtom c = frame.atoms().stream().filter(a -> a.label().equals("C")).findFirst().orElseThrow();
        answer(("{\"request_id\": \"r1\", \"frame_id\": \"f1\", \"positions\": [{\"poi_id\": \"p1\", \"row\": %s, "
                + "\"col\": %s, \"dwell_ms\": 20}, {\"poi_id\": \"p2\", \"row\": 500, \"col\": 3, \"dwell_ms\": 20}, "
                + "{\"poi_id\": \"p3\", \"row\": %s, \"col\": %s, \"dwell_ms\": 20}]}").formatted(si.row(), si.col(),
                c.row(), c.col()));
        assertThat(sent).extracting(s -> s[0]).containsExactly(topics.spectra(), topics.spectra(), topics.errors(),
                topics.spectra());
        assertThat(JSON.readTree(sent.get(0)[1]).get("type").asText()).isEqualTo("ack");
        assertThat(element(JSON.readTree(sent.get(1)[1]))).isEqualTo("Si");
        JsonNode error = JSON.readTree(sent.get(2)[1]);
        assertThat(error.get("error").asText()).isEqualTo("out-of-field");
        assertThat(error.get("detail").asText()).contains("p2").contains("128 x 128");
        assertThat(element(JSON.readTree(sent.get(3)[1]))).isEqualTo("C");
    }

    @Test
    void aRequestForAFrameItNoLongerHoldsOrMalformedIsAnError() throws Exception {
        answer("{\"request_id\": \"r2\", \"frame_id\": \"gone\", \"positions\": []}");
        answer("not json");
        answer("{\"frame_id\": \"f1\"}");
        assertThat(sent).extracting(s -> JSON.readTree(s[1]).get("error").asText())
                .containsExactly("unknown-frame", "bad-acquire", "bad-acquire");
    }

    @Test
    void positionsBeyondTheRequestsBudgetAreRefusedAndTheRestAcquired() throws Exception {
        answer("{\"request_id\": \"r3\", \"frame_id\": \"f1\", \"budget\": {\"per_frame_ms\": 40}, \"positions\": ["
                + "{\"poi_id\": \"p1\", \"row\": 40, \"col\": 40, \"dwell_ms\": 20},"
                + "{\"poi_id\": \"p2\", \"row\": 50, \"col\": 50, \"dwell_ms\": 30},"
                + "{\"poi_id\": \"p3\", \"row\": 60, \"col\": 60, \"dwell_ms\": 20}]}");
        assertThat(sent).extracting(s -> s[0]).containsExactly(topics.spectra(), topics.spectra(), topics.errors(),
                topics.spectra());
        JsonNode error = JSON.readTree(sent.get(2)[1]);
        assertThat(error.get("error").asText()).isEqualTo("out-of-budget");
        assertThat(error.get("detail").asText()).contains("r3", "p2", "50.0 ms", "40.0 ms");
        assertThat(JSON.readTree(sent.get(3)[1]).get("poi_id").asText()).isEqualTo("p3");
        // without a budget of its own, the twin's guard holds
        sent.clear();
        answer("{\"request_id\": \"r4\", \"frame_id\": \"f1\", \"positions\": [{\"poi_id\": \"p1\", \"row\": 40, "
                + "\"col\": 40, \"dwell_ms\": 5000}]}");
        assertThat(JSON.readTree(sent.get(1)[1]).get("error").asText()).isEqualTo("out-of-budget");
    }

    private static String element(JsonNode spectrum) {
        double[] counts = new double[spectrum.get("counts").size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = spectrum.get("counts").get(i).asDouble();
        }
        return SiteCall.of(new EelsSpectrum(spectrum.get("offset_ev").asDouble(), spectrum.get("step_ev").asDouble(),
                counts)).element();
    }
}
