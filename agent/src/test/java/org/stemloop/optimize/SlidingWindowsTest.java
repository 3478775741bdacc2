package org.stemloop.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;

class SlidingWindowsTest {

    @Test
    void originsCoverTheFrameWithTheLastFlushWithTheEdge() {
        assertThat(SlidingWindows.origins(512, 256)).containsExactly(0, 51, 102, 153, 204, 256);
        assertThat(SlidingWindows.origins(300, 128)).containsExactly(0, 26, 52, 78, 104, 130, 156, 172);
        assertThat(SlidingWindows.origins(100, 128)).containsExactly(0);
        assertThat(SlidingWindows.origins(128, 128)).containsExactly(0);
    }

    @Test
    void cropCopiesTheWindow() {
        double[] p = new double[6 * 5];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        Frame c = SlidingWindows.crop(Frame.of(6, 5, p), 2, 1, 3, 2);
        assertThat(c.pixels()).containsExactly(11, 12, 16, 17, 21, 22);
    }

    @Test
    void tooSmallWindowFails() {
        Frame f = Frame.of(32, 32, new double[32 * 32]);
        assertThatThrownBy(() -> SlidingWindows.run(f, 8, (h, w) -> null, null, SearchSettings.DEFAULT,
                SearchListener.NONE)).hasMessage("Window must be at least 16 pixels: 8");
    }
}
