package org.stemloop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;
import org.stemloop.image.NpyCodec;

class FrameCodecTest {

    private static final Frame FRAME = Frame.of(8, 10, ramp(80));
    private static final byte[] NPY = NpyCodec.encode(FRAME);

    @Test
    void npyWithUserPropertiesGivesACalibratedFrame() throws FrameRejected {
        IncomingFrame in = FrameCodec.decode(NPY, FrameCodec.userProperties("f-7", 0.14, "graphene"));

        assertThat(in.frameId()).isEqualTo("f-7");
        assertThat(in.material()).isEqualTo("graphene");
        assertThat(in.frame().pixelSizeAngstrom()).hasValue(0.14);
        assertThat(in.frame().pixels()).containsExactly(FRAME.pixels());
    }

    @Test
    void theJsonEnvelopeCarriesTheSameFields() throws FrameRejected {
        IncomingFrame in = FrameCodec.decode(FrameCodec.envelope("f-8", NPY, 0.25, "srtio3"), Map.of());

        assertThat(in.frameId()).isEqualTo("f-8");
        assertThat(in.material()).isEqualTo("srtio3");
        assertThat(in.frame().pixelSizeAngstrom()).hasValue(0.25);
        assertThat(in.npy()).isEqualTo(NPY);
    }

    @Test
    void calibrationIsOptional() throws FrameRejected {
        IncomingFrame in = FrameCodec.decode(NPY, Map.of(FrameCodec.FRAME_ID, "f-9"));
        assertThat(in.frame().pixelSizeAngstrom()).isEmpty();
        assertThat(in.material()).isNull();
    }

    @Nested
    class Rejected {

        @Test
        void aPayloadThatIsNoNpyNamesTheFrame() {
            assertThatThrownBy(() -> FrameCodec.decode("hello".getBytes(StandardCharsets.UTF_8),
                    Map.of(FrameCodec.FRAME_ID, "f-1"))).isInstanceOf(FrameRejected.class)
                    .hasMessageContaining("not an NPY file")
                    .satisfies(e -> assertThat(((FrameRejected) e).frameId()).isEqualTo("f-1"));
        }

        @Test
        void aFrameNeedsAnId() {
            assertThatThrownBy(() -> FrameCodec.decode(NPY, Map.of())).isInstanceOf(FrameRejected.class)
                    .satisfies(e -> assertThat(((FrameRejected) e).error()).isEqualTo("missing-frame-id"));
        }

        @Test
        void aBadPixelSizeIsNamed() {
            assertThatThrownBy(() -> FrameCodec.decode(NPY, Map.of(FrameCodec.FRAME_ID, "f-2",
                    FrameCodec.PIXEL_SIZE, "-1"))).isInstanceOf(FrameRejected.class)
                    .hasMessage("pixel_size_angstrom must be a positive number of Å: -1");
        }

        @Test
        void aTinyFrameIsRefused() {
            byte[] tiny = NpyCodec.encode(Frame.of(4, 4, ramp(16)));
            assertThatThrownBy(() -> FrameCodec.decode(tiny, Map.of(FrameCodec.FRAME_ID, "f-3")))
                    .hasMessage("Frame of 4 x 4 is smaller than 8 x 8 pixels");
        }

        @Test
        void aBrokenEnvelopeIsNamed() {
            assertThatThrownBy(() -> FrameCodec.decode("{\"frame_id\": \"f-4\"}".getBytes(StandardCharsets.UTF_8),
                    Map.of())).isInstanceOf(FrameRejected.class).hasMessage("Frame envelope has no npy_base64 text field")
                    .satisfies(e -> assertThat(((FrameRejected) e).frameId()).isEqualTo("f-4"));
        }

        @Test
        void anUnknownInstrumentNameIsRefused() {
            assertThatThrownBy(() -> new Topics("a/b")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Instrument id");
        }
    }

    private static double[] ramp(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i / (double) n;
        }
        return v;
    }
}
