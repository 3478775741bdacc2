package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The hand-off queue's two policies and its bound, without a broker. */
class FrameQueueTest {

    @Test
    void everyKeepsAllFramesInOrderAndHoldsAMosquittoBurstPastTheBoundBeforeRefusing() throws Exception {
        FrameQueue<String> q = new FrameQueue<>(FramePolicy.EVERY, 3);
        int room = 3 + FrameQueue.OVERFLOW;
        for (int i = 0; i < room; i++) {
            assertThat(q.offer("f" + i)).isEmpty();
        }
        assertThat(q.depth()).isEqualTo(room);
        assertThatThrownBy(() -> q.offer("late")).isInstanceOf(FrameQueue.QueueFull.class)
                .hasMessageContaining("full (" + room + " frames waiting)");
        List<String> out = new ArrayList<>();
        for (String f = q.poll(); f != null; f = q.poll()) {
            out.add(f);
        }
        assertThat(out).hasSize(room).startsWith("f0", "f1", "f2").endsWith("f" + (room - 1));
        assertThat(q.depth()).isZero();
        assertThat(q.highWater()).isEqualTo(room);
        assertThat(q.offer("again")).as("room again once drained").isEmpty();
    }

    @Test
    void newestHandsBackEveryOlderWaitingFrameSoAtMostOneWaits() throws Exception {
        FrameQueue<String> q = new FrameQueue<>(FramePolicy.NEWEST, 4);
        List<String> skipped = new ArrayList<>();
        for (String f : List.of("a", "b", "c", "d", "e")) {
            skipped.addAll(q.offer(f));
            assertThat(q.depth()).isEqualTo(1);
        }
        assertThat(skipped).containsExactly("a", "b", "c", "d");
        assertThat(q.poll()).isEqualTo("e");
        assertThat(q.offer("f")).as("nothing waits: nothing to skip").isEmpty();
        assertThat(q.highWater()).isEqualTo(1);
    }

    @Nested
    class Settings {

        @Test
        void everyNeedsRoomForEveryFrameTheBrokerMaySend() {
            assertThatThrownBy(() -> new Backpressure(FramePolicy.EVERY, 8, 4))
                    .hasMessageContaining("queue-size (4) must be at least receive-maximum (8)");
            assertThat(new Backpressure(FramePolicy.NEWEST, 8, 1).queueSize()).isEqualTo(1);
        }

        @Test
        void badValuesAreNamed() {
            assertThatThrownBy(() -> new Backpressure(FramePolicy.EVERY, 0, 8)).hasMessageContaining("receive-maximum");
            assertThatThrownBy(() -> new Backpressure(FramePolicy.NEWEST, 8, 0)).hasMessageContaining("queue-size");
            assertThatThrownBy(() -> FramePolicy.parse("latest")).hasMessage("frame-policy must be every or newest: latest");
            assertThat(FramePolicy.parse(" Newest ")).isEqualTo(FramePolicy.NEWEST);
        }
    }
}
