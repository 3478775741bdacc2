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
    void everyKeepsAllFramesInOrderUpToTheBound() throws Exception {
        FrameQueue<String> q = new FrameQueue<>(FramePolicy.EVERY, 3);
        assertThat(q.offer("a")).isEmpty();
        assertThat(q.offer("b")).isEmpty();
        assertThat(q.offer("c")).isEmpty();
        assertThat(q.depth()).isEqualTo(3);
        assertThatThrownBy(() -> q.offer("d")).isInstanceOf(FrameQueue.QueueFull.class)
                .hasMessageContaining("full (3 frames waiting)");
        assertThat(List.of(q.poll(), q.poll(), q.poll())).containsExactly("a", "b", "c");
        assertThat(q.poll()).isNull();
        assertThat(q.depth()).isZero();
        assertThat(q.highWater()).isEqualTo(3);
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
