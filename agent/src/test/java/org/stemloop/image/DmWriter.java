package org.stemloop.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small DigitalMicrograph DM3/DM4 files for tests, from the format's description (big-endian
 * tag headers, 4- or 8-byte counts, values in the chosen byte order), so the reader is tested on
 * files with known contents: an RGB thumbnail first, then the image, as DigitalMicrograph saves them.
 */
public final class DmWriter {

    /** A tag: a group of named tags, a number of a DM type, or an array. */
    public sealed interface Tag permits Group, Num, Arr {
    }

    public record Group(List<Named> entries) implements Tag {
        public Group add(String name, Tag tag) {
            entries.add(new Named(name, tag));
            return this;
        }
    }

    public record Named(String name, Tag tag) {
    }

    public record Num(int type, double value) implements Tag {
    }

    /** {@code count} elements of DM type {@code type}, already encoded in {@code bytes}. */
    public record Arr(int type, long count, byte[] bytes) implements Tag {
    }

    public static Group group() {
        return new Group(new ArrayList<>());
    }

    /** A DM string: UTF-16 code units as a uint16 array. */
    public static Arr text(String s, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(s.length() * 2).order(order);
        for (char c : s.toCharArray()) {
            b.putShort((short) c);
        }
        return new Arr(4, s.length(), b.array());
    }

    private final boolean dm4;
    private final ByteOrder order;

    public DmWriter(int version, ByteOrder order) {
        this.dm4 = version == 4;
        this.order = order;
    }

    /** The whole file: header, root group, and the 8 zero bytes DigitalMicrograph ends with. */
    public byte[] file(Group root) {
        byte[] body = group(root);
        ByteBuffer head = ByteBuffer.allocate(dm4 ? 16 : 12).order(ByteOrder.BIG_ENDIAN);
        head.putInt(dm4 ? 4 : 3);
        if (dm4) {
            head.putLong(body.length);
        } else {
            head.putInt(body.length);
        }
        head.putInt(order == ByteOrder.LITTLE_ENDIAN ? 1 : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.array());
        out.writeBytes(body);
        out.writeBytes(new byte[8]);
        return out.toByteArray();
    }

    /**
     * A file with an RGB thumbnail and one image entry.
     *
     * @param dims columns first (DM order), then rows, then frames
     * @param scales and {@code units}: per DM axis, columns first
     * @param imageTags extra ImageTags (may be empty)
     */
    public byte[] image(int elementType, int dataType, byte[] data, long[] dims, double[] scales, String[] units,
            Group imageTags, String name) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        Group thumbnail = entry(new Arr(5, 16 * 16, new byte[16 * 16 * 4]), 23, new long[] {16, 16},
                new double[] {1, 1}, new String[] {"", ""}, group(), "Image Of " + name);
        Group image = entry(new Arr(elementType, count, data), dataType, dims, scales, units, imageTags, name);
        Group list = group().add("", thumbnail).add("", image);
        return file(group().add("ApplicationBounds", new Num(3, 0)).add("ImageList", list));
    }

    public Group entry(Arr data, int dataType, long[] dims, double[] scales, String[] units, Group imageTags, String name) {
        Group dimensions = group();
        Group calibrations = group();
        for (int i = 0; i < dims.length; i++) {
            dimensions.add("", new Num(5, dims[i]));
            calibrations.add("", group().add("Origin", new Num(6, 0)).add("Scale", new Num(6, scales[i]))
                    .add("Units", text(units[i], order)));
        }
        Group imageData = group().add("Calibrations", group().add("Dimension", calibrations))
                .add("Data", data).add("DataType", new Num(5, dataType)).add("Dimensions", dimensions);
        return group().add("ImageData", imageData).add("ImageTags", imageTags).add("Name", text(name, order));
    }

    private byte[] group(Group g) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(1);
        out.writeBytes(word(g.entries().size()));
        for (Named n : g.entries()) {
            byte[] content = n.tag() instanceof Group child ? group(child) : data(n.tag());
            out.write(n.tag() instanceof Group ? 20 : 21);
            byte[] name = n.name().getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) name.length).array());
            out.writeBytes(name);
            if (dm4) {
                out.writeBytes(ByteBuffer.allocate(8).putLong(content.length).array());
            }
            out.writeBytes(content);
        }
        return out.toByteArray();
    }

    private byte[] data(Tag tag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%%%%".getBytes(StandardCharsets.ISO_8859_1));
        if (tag instanceof Num n) {
            out.writeBytes(word(1));
            out.writeBytes(word(n.type()));
            ByteBuffer v = ByteBuffer.allocate(8).order(order);
            switch (n.type()) {
                case 2, 4 -> v.putShort((short) n.value());
                case 3, 5 -> v.putInt((int) (long) n.value());
                case 6 -> v.putFloat((float) n.value());
                case 7 -> v.putDouble(n.value());
                default -> v.put((byte) n.value());
            }
            out.write(v.array(), 0, v.position());
        } else {
            Arr a = (Arr) tag;
            out.writeBytes(word(3));
            out.writeBytes(word(20));
            out.writeBytes(word(a.type()));
            out.writeBytes(word(a.count()));
            out.writeBytes(a.bytes());
        }
        return out.toByteArray();
    }

    private byte[] word(long v) {
        return dm4 ? ByteBuffer.allocate(8).putLong(v).array() : ByteBuffer.allocate(4).putInt((int) v).array();
    }
}
