package org.stemloop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemloop.image.Frame;
import org.stemloop.image.NpyCodec;

/**
 * Property-based fuzzing of the frame decoder with a seeded generator (jqwik was left out, see
 * docs/operations.md): NPY payloads built from random headers and bodies, then broken on purpose (lying
 * and huge shapes, negative and zero dimensions, wrong dtypes, Fortran order, truncated and padded bodies,
 * NaN and Inf samples, 1-D and 3-D arrays, other versions), non-NPY bytes, JSON envelopes, oversize
 * payloads and hostile user properties. The property: {@link FrameCodec#decode} returns a frame the
 * agent can analyse, or throws {@link FrameRejected} with a known kind and a one-line message; never
 * another exception, and never an allocation out of proportion to the payload (a lying header costs
 * nothing). Seeded, so a failure names the case that reproduces it.
 */
class FrameCodecFuzzTest {

    private static final int CASES = 4000;
    /** Small byte limit so oversize cases stay cheap; a pixel limit big enough that a lie would hurt. */
    private static final InputLimits LIMITS = new InputLimits(256 << 10, 4096L * 4096, 4096);
    private static final Set<String> KINDS = Set.of("bad-frame", "bad-envelope", "bad-pixel-size", "missing-frame-id",
            "bad-frame-id", "bad-material", "frame-too-large");
    private static final List<String> DTYPES = List.of("<f4", "<f8", ">f4", ">f8", "<f2", "|u1", "<u2", ">u2", "<i2",
            "<i4", "<u4", "<i8", "<u8", "|b1", "|i1", "=f8");
    private static final List<String> BAD_DTYPES = List.of("<c16", "|O", "<U4", "<f32", ">x8", "|V8", "", "<", "f8",
            "<f99999999999", "<f-4", "'; DROP TABLE frames; --", "<f4\u0000", "<M8[ns]");
    private static final List<String> LYING_SHAPES = List.of("(100000, 100000)", "(16384, 16384)", "(4097, 4096)",
            "(0, 16)", "(16, 0)", "(-1, 16)", "(-16, -16)", "(16,)", "()", "(2, 2, 2)", "(16, 16, 3)", "(1, 16, 16)",
            "(16, 16, 1)", "(1, 1, 16, 16)", "(99999999999999999999, 1)", "(9223372036854775807, 9223372036854775807)",
            "(4294967296, 4294967296)", "(65536, 65536)", "('a', 1)", "(16, 16", "(16.0, 16)", "[16, 16]", "(1e9, 1)",
            "(7, 7)", "(8, 8)", "(2147483648, 2)");
    private static final List<String> FRAME_IDS = List.of("f-1", "", "   ", "x".repeat(257), "x".repeat(256), "nul\u0000id",
            "new\nline", "'; DROP TABLE frames; --", "原子-Å-\uD83D\uDE42", "\u202Eevil");
    private static final List<String> PIXEL_SIZES = List.of("0.14", "-1", "0", "NaN", "Infinity", "1e309", "abc", " ",
            "0x1p-3", "1e-300");
    private static final List<String> MATERIALS = List.of("graphene", "SrTiO3", " graphene ", "gold",
            "'; DROP TABLE frames; --", "m".repeat(100), "nul\u0000", "");

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void everyGeneratedFrameDecodesOrIsRejectedByName() {
        SplittableRandom random = new SplittableRandom(20261126);
        Map<String, Integer> outcomes = new TreeMap<>();
        // the first decodes load classes and warm Jackson: not measured
        for (int i = 0; i < 20; i++) {
            check(generate(new SplittableRandom(i)), "warm-up " + i, false);
        }
        for (int i = 0; i < CASES; i++) {
            outcomes.merge(check(generate(random), "case " + i, true), 1, Integer::sum);
        }
        // the generator must reach valid frames and every kind of rejection, or it proves little
        assertThat(outcomes).as("outcomes of %d cases", CASES).containsKeys("accepted", "bad-frame", "bad-envelope",
                "bad-pixel-size", "missing-frame-id", "bad-frame-id", "bad-material", "frame-too-large");
        assertThat(outcomes.get("accepted")).as("accepted frames").isGreaterThan(CASES / 20);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            truncated body           ; <f4 ; (64, 64)           ; 100    ; bad-frame       ; truncated: header says 64x64 float32 (16384 bytes), file has 100
            huge lying shape         ; <f4 ; (100000, 100000)   ; 100    ; frame-too-large ; image too large: shape 100000x100000 (at most 16777216 pixels) (max-frame-pixels)
            over the pixel limit     ; |u1 ; (4097, 4096)       ; 0      ; frame-too-large ; image too large: shape 4097x4096
            negative dimension       ; <f8 ; (-1, 16)           ; 0      ; bad-frame       ; negative dimension in shape -1x16
            zero dimension           ; <f8 ; (0, 16)            ; 0      ; bad-frame       ; empty image: shape 0x16
            1-D array                ; <f8 ; (256,)             ; 2048   ; bad-frame       ; shape 256 is not an image
            3-D array                ; <f8 ; (16, 16, 3)        ; 6144   ; bad-frame       ; shape 16x16x3 is not an image
            complex dtype            ; <c16; (16, 16)           ; 4096   ; bad-frame       ; unsupported dtype '<c16'
            text dtype               ; <U4 ; (16, 16)           ; 4096   ; bad-frame       ; unsupported dtype '<U4'
            trailing bytes           ; <f4 ; (16, 16)           ; 1100   ; bad-frame       ; 76 bytes after the data
            tiny frame               ; <f4 ; (4, 4)             ; 64     ; bad-frame       ; Frame of 4 x 4 is smaller than 8 x 8 pixels
            """)
    void eachClassOfBadFrameIsNamed(String what, String dtype, String shape, int bodyBytes, String kind, String detail) {
        byte[] npy = npy(1, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }".formatted(dtype, shape),
                new byte[bodyBytes]);
        assertThatThrownBy(() -> FrameCodec.decode(npy, Map.of(FrameCodec.FRAME_ID, "f-1"), InputLimits.DEFAULT))
                .as(what).isInstanceOfSatisfying(FrameRejected.class, e -> {
                    assertThat(e.error()).isEqualTo(kind);
                    assertThat(e.frameId()).isEqualTo("f-1");
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    @Test
    void nanAndInfinitePixelsAreRefusedWithTheirCountAndPlace() {
        double[] pixels = new double[16 * 16];
        pixels[2 * 16 + 5] = Double.NaN;
        pixels[200] = Double.POSITIVE_INFINITY;
        byte[] npy = NpyCodec.encode(Frame.of(16, 16, pixels));
        assertThatThrownBy(() -> FrameCodec.decode(npy, Map.of(FrameCodec.FRAME_ID, "f-nan")))
                .isInstanceOfSatisfying(FrameRejected.class, e -> assertThat(e.error()).isEqualTo("bad-frame"))
                .hasMessage("Frame holds 2 NaN or infinite pixels (the first at row 2, column 5, is NaN); "
                        + "replace them before sending");
    }

    @Test
    void anOversizePayloadIsRefusedBeforeItIsRead() {
        byte[] big = new byte[(int) LIMITS.maxFrameBytes() + 1];
        assertThatThrownBy(() -> FrameCodec.decode(big, Map.of(FrameCodec.FRAME_ID, "f-big"), LIMITS))
                .isInstanceOfSatisfying(FrameRejected.class, e -> assertThat(e.error()).isEqualTo("frame-too-large"))
                .hasMessage("Frame payload of 262145 bytes is over the limit of 262144 bytes (max-frame-bytes)");
    }

    @Test
    void stringsBoundForTheDatabaseAreChecked() {
        byte[] npy = NpyCodec.encode(Frame.of(8, 8, new double[64]));
        assertThatThrownBy(() -> FrameCodec.decode(npy, Map.of(FrameCodec.FRAME_ID, "a\u0000b")))
                .isInstanceOfSatisfying(FrameRejected.class, e -> assertThat(e.frameId()).isEqualTo("a?b"))
                .hasMessage("frame_id holds control characters (shown as '?'): a?b");
        assertThatThrownBy(() -> FrameCodec.decode(npy, Map.of(FrameCodec.FRAME_ID, "f-1", FrameCodec.MATERIAL, "gold")))
                .isInstanceOfSatisfying(FrameRejected.class, e -> assertThat(e.error()).isEqualTo("bad-material"))
                .hasMessageContaining("material must be graphene or srtio3");
    }

    @Test
    void aSqlLookingFrameIdIsKeptVerbatim() throws FrameRejected {
        String id = "'; DROP TABLE frames; --";
        IncomingFrame in = FrameCodec.decode(NpyCodec.encode(Frame.of(8, 8, new double[64])),
                Map.of(FrameCodec.FRAME_ID, id));
        assertThat(in.frameId()).isEqualTo(id);
    }

    /** Decodes one case and checks the property; returns "accepted" or the rejection's kind. */
    private String check(Case c, String name, boolean measure) {
        long before = threads.getCurrentThreadAllocatedBytes();
        String outcome;
        try {
            IncomingFrame in = FrameCodec.decode(c.payload(), c.properties(), LIMITS);
            assertAnalysable(in, c, name);
            outcome = "accepted";
        } catch (FrameRejected e) {
            assertThat(e.error()).as("%s (%s): kind", name, c.what()).isIn(KINDS);
            assertThat(e.getMessage()).as("%s (%s): message", name, c.what()).isNotBlank()
                    .doesNotContain("\n", "\r", "\u0000");
            outcome = e.error();
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new AssertionError("%s (%s): %s instead of FrameRejected".formatted(name, c.what(), e), e);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // pixels as float64 (8 bytes for a 1-byte sample), a copy or two, the envelope's text: all proportional to the
        // payload. A header's claim must never show here.
        long bound = 40L * c.payload().length + (1 << 20);
        if (measure && allocated > bound) {
            fail("%s (%s): allocated %d bytes for a payload of %d", name, c.what(), allocated, c.payload().length);
        }
        return outcome;
    }

    private static void assertAnalysable(IncomingFrame in, Case c, String name) {
        Frame f = in.frame();
        assertThat(f.height()).as(name).isGreaterThanOrEqualTo(8);
        assertThat(f.width()).as(name).isGreaterThanOrEqualTo(8);
        assertThat((long) f.height() * f.width()).as(name).isLessThanOrEqualTo(LIMITS.maxFramePixels());
        assertThat(Arrays.stream(f.pixels()).allMatch(Double::isFinite)).as(name + ": finite pixels").isTrue();
        assertThat(in.frameId()).as(name).isNotBlank().hasSizeLessThanOrEqualTo(256).doesNotContain("\u0000", "\n");
        assertThat(in.material()).as(name).isIn(null, "graphene", "srtio3");
        f.pixelSizeAngstrom().ifPresent(px -> assertThat(px).as(name).isPositive().isFinite());
        assertThat(c.payload().length).as(name).isLessThanOrEqualTo((int) LIMITS.maxFrameBytes());
    }

    /** One generated message: payload, user properties and what the generator did. */
    private record Case(byte[] payload, Map<String, String> properties, String what) {
    }

    private static Case generate(SplittableRandom r) {
        Map<String, String> props = properties(r);
        return switch (r.nextInt(10)) {
            case 0 -> new Case(randomBytes(r, r.nextInt(2000)), props, "random bytes");
            case 1 -> envelope(r, props);
            case 2 -> new Case(oversize(r), props, "oversize");
            case 3, 4 -> valid(r, props);
            default -> broken(r, props);
        };
    }

    private static Map<String, String> properties(SplittableRandom r) {
        Map<String, String> props = new HashMap<>();
        if (r.nextInt(10) > 0) {
            props.put(FrameCodec.FRAME_ID, r.nextInt(3) > 0 ? "f-" + r.nextInt(1000) : pick(r, FRAME_IDS));
        }
        if (r.nextInt(4) == 0) {
            props.put(FrameCodec.PIXEL_SIZE, pick(r, PIXEL_SIZES));
        }
        if (r.nextInt(4) == 0) {
            props.put(FrameCodec.MATERIAL, pick(r, MATERIALS));
        }
        return props;
    }

    /** A well-formed NPY frame of a random size, dtype and order; float frames sometimes carry NaN or Inf. */
    private static Case valid(SplittableRandom r, Map<String, String> props) {
        String dtype = pick(r, DTYPES);
        int h = 6 + r.nextInt(40);
        int w = 6 + r.nextInt(40);
        boolean fortran = r.nextBoolean();
        String shape = switch (r.nextInt(4)) {
            case 0 -> "(1, %d, %d)".formatted(h, w);
            case 1 -> "(%d, %d, 1)".formatted(h, w);
            default -> "(%d, %d)".formatted(h, w);
        };
        byte[] body = body(r, dtype, h * w);
        String dict = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }".formatted(dtype, fortran ? "True" : "False", shape);
        return new Case(npy(1 + r.nextInt(3), dict, body), props, "valid %s %s fortran=%s".formatted(dtype, shape, fortran));
    }

    /** A valid frame, then one to three deliberate faults. */
    private static Case broken(SplittableRandom r, Map<String, String> props) {
        String dtype = pick(r, DTYPES);
        String shape = "(16, 16)";
        String fortran = "False";
        int version = 1;
        byte[] body = body(r, dtype, 256);
        StringBuilder what = new StringBuilder("broken:");
        int faults = 1 + r.nextInt(3);
        for (int f = 0; f < faults; f++) {
            switch (r.nextInt(8)) {
                case 0 -> shape = pick(r, LYING_SHAPES);
                case 1 -> dtype = pick(r, BAD_DTYPES);
                case 2 -> fortran = pick(r, List.of("True", "0", "'yes'", "None", ""));
                case 3 -> body = Arrays.copyOf(body, r.nextInt(body.length + 1));
                case 4 -> body = Arrays.copyOf(body, body.length + 1 + r.nextInt(64));
                case 5 -> version = pick(r, List.of(0, 4, 255, 2, 3));
                case 6 -> shape = "(" + "1, ".repeat(r.nextInt(2000)) + "16, 16)";
                default -> body = new byte[0];
            }
            what.append(' ').append(f);
        }
        String dict = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }".formatted(dtype, fortran, shape);
        byte[] npy = npy(version, dict, body);
        if (r.nextInt(5) == 0) {
            // flip a few header bytes, the header length field included
            for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                npy[r.nextInt(Math.min(npy.length, 80))] = (byte) r.nextInt(256);
            }
            what.append(" flipped");
        }
        return new Case(npy, props, what + " " + dict.substring(0, Math.min(dict.length(), 120)));
    }

    private static Case envelope(SplittableRandom r, Map<String, String> props) {
        Case inner = valid(r, Map.of());
        String b64 = switch (r.nextInt(4)) {
            case 0 -> "\"!!not base64!!\"";
            case 1 -> "12345";
            default -> "\"" + Base64.getEncoder().encodeToString(inner.payload()) + "\"";
        };
        String id = pick(r, List.of("\"env-1\"", "42", "null", "[1]", "{\"a\": 1}", "\"\\u0000\""));
        String json = switch (r.nextInt(5)) {
            case 0 -> "{\"frame_id\": " + id;
            case 1 -> "{\"frame_id\": " + id + ", \"npy_base64\": " + b64 + "} trailing";
            case 2 -> "{\u0000\u0000\u0000";
            default -> "{\"frame_id\": " + id + ", \"material\": \"graphene\", \"npy_base64\": " + b64 + "}";
        };
        Map<String, String> p = new HashMap<>(props);
        p.remove(FrameCodec.FRAME_ID);
        return new Case(json.getBytes(StandardCharsets.UTF_8), p, "envelope " + json.substring(0, Math.min(60, json.length())));
    }

    private static byte[] oversize(SplittableRandom r) {
        int n = (int) LIMITS.maxFrameBytes() + 1 + r.nextInt(1 << 16);
        byte[] npy = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[n]);
        return r.nextBoolean() ? npy : new byte[n];
    }

    /** {@code n} samples of {@code dtype}; floats get a NaN or an infinity now and then. */
    private static byte[] body(SplittableRandom r, String dtype, int n) {
        int size = Integer.parseInt(dtype.substring(2));
        ByteBuffer buf = ByteBuffer.allocate(n * size).order(dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        boolean special = dtype.charAt(1) == 'f' && r.nextInt(4) == 0;
        for (int i = 0; i < n; i++) {
            double v = special && r.nextInt(50) == 0 ? pick(r, List.of(Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY)) : r.nextDouble();
            switch (dtype.charAt(1) == 'f' ? size : 0) {
                case 8 -> buf.putDouble(v);
                case 4 -> buf.putFloat((float) v);
                case 2 -> buf.putShort(Float.isNaN((float) v) ? (short) 0x7e00 : Float.isInfinite((float) v)
                        ? (short) 0x7c00 : (short) 0x3800);
                default -> {
                    for (int b = 0; b < size; b++) {
                        buf.put((byte) r.nextInt(256));
                    }
                }
            }
        }
        return buf.array();
    }

    /** An NPY file of {@code version} (1: two-byte header length, else four), padded like numpy's. */
    private static byte[] npy(int version, String dict, byte[] body) {
        int preamble = version == 1 ? 10 : 12;
        int total = preamble + dict.length() + 1;
        String header = dict + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
        byte[] h = header.getBytes(version == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(preamble + h.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            out.putShort((short) h.length);
        } else {
            out.putInt(h.length);
        }
        return out.put(h).put(body).array();
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        if (n > 6 && r.nextBoolean()) {
            // the magic, so the parser goes on into garbage
            System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, 0, b, 0, 6);
        }
        return b;
    }

    private static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
