package org.stemloop.reward;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stemloop.image.Frame;

/**
 * Test-only reader of 2-D little-endian NPY files ({@code <f4}, {@code <f8}, {@code <u2}), enough for the
 * real images while the image package's readers are written elsewhere. uint16 is scaled to [0, 1].
 */
final class TestNpy {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\)");

    private TestNpy() {
    }

    static Frame read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int major = buf.get(6);
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(buf.array(), major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find() || header.contains("'fortran_order': True")) {
            throw new IOException("unsupported NPY header in " + file + ": " + header.trim());
        }
        int h = Integer.parseInt(s.group(1)), w = Integer.parseInt(s.group(2));
        double[] pixels = new double[h * w];
        buf.position(dataStart);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = switch (d.group(1)) {
                case "<f4" -> buf.getFloat();
                case "<f8" -> buf.getDouble();
                case "<u2" -> Short.toUnsignedInt(buf.getShort()) / 65535.0;
                default -> throw new IOException("unsupported NPY dtype %s in %s".formatted(d.group(1), file));
            };
        }
        return Frame.of(h, w, pixels);
    }
}
