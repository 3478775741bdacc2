package org.stemloop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheMinimumUpToTheMaximumAndStaysThere() {
        Backoff b = new Backoff(1_000, 30_000);
        assertThat(IntStream.rangeClosed(1, 8).mapToLong(b::delayMs).toArray())
                .containsExactly(1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000);
        assertThat(b.delayMs(10_000)).as("no overflow after a night of attempts").isEqualTo(30_000);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new Backoff(0, 10)).hasMessageContaining("1 <= min <= max");
        assertThatThrownBy(() -> new Backoff(5, 4)).hasMessageContaining("5, 4");
        assertThatThrownBy(() -> new Backoff(1, 4).delayMs(0)).hasMessageContaining("from 1");
    }
}
