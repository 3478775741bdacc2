package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The live view's dopant trails as the state events carry them: the last frames of one series, compact. */
class TracksLiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tracks(String run, int series, int frame, double driftRow) throws Exception {
        return JSON.readTree(("{\"run_id\": \"%s\", \"frame_id\": \"f%d\", \"series\": %d, \"drift\": {\"row\": %s,"
                + " \"col\": 0.04}, \"dopants\": [{\"track\": 3, \"row\": 10.26, \"col\": 20.0, \"hop\": true},"
                + " {\"track\": \"x\", \"row\": 1, \"col\": 1}]}").formatted(run, frame, series, driftRow));
    }

    @Test
    void keepsTheLastFramesOfTheSeriesRoundedAndDropsWhatIsNotATrack() throws Exception {
        TracksLive live = new TracksLive();
        assertThat(live.summary()).as("before any message").isNull();
        for (int f = 0; f < TracksLive.FRAMES_KEPT + 3; f++) {
            live.onTracks(tracks("r1", 0, f, 0.5 * f));
        }
        JsonNode s = live.summary();
        assertThat(s.get("frames")).hasSize(TracksLive.FRAMES_KEPT);
        assertThat(s.get("frames").get(0).get("frame_id").asText()).isEqualTo("f3");
        JsonNode last = s.get("frames").get(TracksLive.FRAMES_KEPT - 1);
        assertThat(last.get("drift").toString()).isEqualTo("[7.0,0.0]");
        assertThat(last.get("dopants").toString()).as("track 3 kept, the malformed one dropped")
                .isEqualTo("[[3,10.3,20.0,1]]");
    }

    @Test
    void aNewRunOrSeriesStartsTheTrailsAfreshAndAMessageWithoutFrameIsIgnored() throws Exception {
        TracksLive live = new TracksLive();
        live.onTracks(tracks("r1", 0, 1, 0));
        live.onTracks(tracks("r1", 0, 2, 0));
        live.onTracks(tracks("r1", 1, 3, 0));
        assertThat(live.summary().get("frames")).hasSize(1);
        live.onTracks(tracks("r2", 1, 4, 0));
        assertThat(live.summary().get("run_id").asText()).isEqualTo("r2");
        live.onTracks(JSON.readTree("{\"run_id\": \"r2\", \"series\": 1, \"dopants\": []}"));
        assertThat(live.summary().get("frames")).hasSize(1);
    }
}
