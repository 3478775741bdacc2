package org.stemloop.mqtt;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.stemloop.image.Frame;
import org.stemloop.image.NpyCodec;

/**
 * Not a test: prints what decoding costs at the size limits (median time of 5 after 2 warm-ups, and the
 * bytes allocated), for docs/operations.md. Run after {@code mvn -q -o -pl agent test-compile}:
 * {@code java -Xmx2g -cp agent/target/classes:agent/target/test-classes:$(cat cp.txt) org.stemloop.mqtt.DecodeCost}.
 */
final class DecodeCost {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private DecodeCost() {
    }

    public static void main(String[] args) throws Exception {
        InputLimits limits = InputLimits.DEFAULT;
        int side = 4096;
        ByteBuffer pixels = ByteBuffer.allocate(side * side * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < side * side; i++) {
            pixels.putFloat((i % 977) / 977f);
        }
        byte[] largest = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4096, 4096), }", pixels.array());
        byte[] lying = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[1024]);
        byte[] truncated = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4096, 4096), }", new byte[1024]);
        byte[] oversize = new byte[(int) limits.maxFrameBytes() + 1];
        measure("4096x4096 float32 frame (64 MiB + 128 B), accepted", largest, limits);
        measure("lying header (100000, 100000) on 1 KiB", lying, limits);
        measure("truncated (4096, 4096) header on 1 KiB", truncated, limits);
        measure("payload 1 byte over max-frame-bytes", oversize, limits);
        Frame small = Frame.of(512, 512, new double[512 * 512]);
        measure("512x512 float32 frame, accepted", NpyCodec.encode(Frame.of(512, 512, small.pixels(),
                org.stemloop.image.Precision.FLOAT32)), limits);
    }

    private static void measure(String what, byte[] payload, InputLimits limits) {
        Map<String, String> props = Map.of(FrameCodec.FRAME_ID, "f-1");
        long[] nanos = new long[7];
        long allocated = 0;
        String outcome = "";
        for (int i = 0; i < nanos.length; i++) {
            long a0 = THREADS.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            try {
                outcome = "frame " + FrameCodec.decode(payload, props, limits).frame().height();
            } catch (FrameRejected e) {
                outcome = e.error();
            }
            nanos[i] = System.nanoTime() - t0;
            allocated = THREADS.getCurrentThreadAllocatedBytes() - a0;
        }
        long[] timed = java.util.Arrays.copyOfRange(nanos, 2, nanos.length);
        java.util.Arrays.sort(timed);
        System.out.printf("%-55s %-16s median %8.3f ms, allocated %,d bytes (payload %,d)%n", what, outcome,
                timed[timed.length / 2] / 1e6, allocated, payload.length);
    }

    private static byte[] npy(String dict, byte[] body) {
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + body.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        return out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(body).array();
    }
}
