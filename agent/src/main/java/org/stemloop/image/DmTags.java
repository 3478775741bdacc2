package org.stemloop.image;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tag tree of a Gatan DigitalMicrograph file, DM3 or DM4: a tree of named groups whose leaves
 * are numbers, small structs, or arrays (image data, and strings stored as UTF-16 arrays).
 *
 * <p>Layout (after the format notes of Chris Boothroyd and Bernd Schaffer; read, not copied, from the
 * public descriptions): a header of version (3 or 4), root length (4 bytes in DM3, 8 in DM4) and a
 * byte-order flag (1 = little-endian data), all big-endian; then the root group. A group is
 * {@code sorted, open, count}; each entry is a kind byte (20 group, 21 data), a big-endian
 * name length and name, in DM4 an 8-byte entry size, and for data {@code "%%%%"}, the number of type
 * words and the type words (4 bytes each in DM3, 8 in DM4, big-endian), then the value in the file's
 * byte order. Arrays are not copied: an {@link Array} remembers where its elements are.
 *
 * <p>Every count and length is checked against the bytes left before anything is allocated, and the
 * nesting is bounded, so a corrupt file fails with a message instead of exhausting memory or stack.
 */
final class DmTags {

    /** A node of the tree. */
    sealed interface Node permits Group, Value, Array {
    }

    /** A named (or unnamed, {@code ""}) child of a group. */
    record Entry(String name, Node node) {
    }

    /** A group of entries, in file order. */
    record Group(List<Entry> entries) implements Node {

        /** The first child called {@code name}, or null. */
        Node get(String name) {
            for (Entry e : entries) {
                if (e.name().equals(name)) {
                    return e.node();
                }
            }
            return null;
        }

        /** The node at a path of names, or null where any step is missing. */
        Node at(String... path) {
            Node n = this;
            for (String step : path) {
                if (!(n instanceof Group g) || (n = g.get(step)) == null) {
                    return null;
                }
            }
            return n;
        }

        /** The children's nodes in order (for the unnamed lists: ImageList, Dimensions). */
        List<Node> nodes() {
            return entries.stream().map(Entry::node).toList();
        }
    }

    /** A number (Double or Long), or a struct as a {@code List<Number>}. */
    record Value(Object value) implements Node {
    }

    /**
     * An array of {@code count} elements of DM type {@code type} ({@code elementBytes} each), starting at
     * {@code offset} of the file's bytes.
     */
    record Array(int type, long count, int offset, int elementBytes) implements Node {
    }

    private static final int GROUP = 20;
    private static final int DATA = 21;
    private static final int STRUCT = 15;
    private static final int STRING = 18;
    private static final int ARRAY = 20;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_TYPE_WORDS = 1 << 12;

    private final ByteBuffer be;
    private final ByteOrder order;
    private final boolean dm4;
    private final String source;

    private DmTags(byte[] bytes, ByteOrder order, boolean dm4, String source) {
        this.be = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        this.order = order;
        this.dm4 = dm4;
        this.source = source;
    }

    /** The DM version in the first four bytes (3 or 4), or -1. */
    static int version(byte[] head) {
        if (head.length < 4 || head[0] != 0 || head[1] != 0 || head[2] != 0 || (head[3] != 3 && head[3] != 4)) {
            return -1;
        }
        return head[3];
    }

    /** The parsed root group and the data byte order. */
    record Tree(Group root, ByteOrder order, int version) {
    }

    /** Parses the whole file. */
    static Tree parse(byte[] bytes, String source) throws ImageFormatException {
        int version = version(bytes);
        if (version < 0) {
            throw new ImageFormatException(source, "not a DigitalMicrograph file (version word is not 3 or 4)");
        }
        boolean dm4 = version == 4;
        int headerBytes = dm4 ? 16 : 12;
        if (bytes.length < headerBytes + 6) {
            throw new ImageFormatException(source, "truncated: %d bytes, shorter than a DM%d header".formatted(bytes.length, version));
        }
        ByteBuffer head = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        long rootLength = dm4 ? head.getLong(4) : head.getInt(4) & 0xFFFF_FFFFL;
        int flag = head.getInt(dm4 ? 12 : 8);
        if (flag != 0 && flag != 1) {
            throw new ImageFormatException(source, "corrupt DM%d header: byte-order flag %d (0 or 1 expected)".formatted(version, flag));
        }
        if (rootLength < 0 || headerBytes + rootLength > bytes.length) {
            throw new ImageFormatException(source, "truncated: the DM%d header says %d bytes of tags, the file has %d"
                    .formatted(version, rootLength, bytes.length - headerBytes));
        }
        ByteOrder order = flag == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        DmTags parser = new DmTags(bytes, order, dm4, source);
        parser.be.position(headerBytes);
        try {
            return new Tree(parser.group(0), order, version);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new ImageFormatException(source, "truncated or corrupt DM%d tag tree near byte %d".formatted(version, parser.be.position()));
        }
    }

    private Group group(int depth) throws ImageFormatException {
        if (depth > MAX_DEPTH) {
            throw corrupt("tag groups nested deeper than " + MAX_DEPTH);
        }
        be.get(); // sorted
        be.get(); // open
        long count = word();
        // every entry takes at least 3 bytes (kind and name length): a larger count is a lie
        if (count < 0 || count > be.remaining() / 3) {
            throw corrupt("a tag group claims %d entries with %d bytes left".formatted(count, be.remaining()));
        }
        List<Entry> entries = new ArrayList<>((int) Math.min(count, 1024));
        for (long i = 0; i < count; i++) {
            int kind = be.get();
            int nameLength = be.getShort() & 0xFFFF;
            if (nameLength > be.remaining()) {
                throw corrupt("a tag name of %d bytes with %d bytes left".formatted(nameLength, be.remaining()));
            }
            byte[] name = new byte[nameLength];
            be.get(name);
            long end = -1;
            if (dm4) {
                long size = be.getLong();
                if (size < 0 || size > be.remaining()) {
                    throw corrupt("a tag of %d bytes with %d bytes left".formatted(size, be.remaining()));
                }
                end = be.position() + size;
            }
            Node node = switch (kind) {
                case GROUP -> group(depth + 1);
                case DATA -> data();
                default -> throw corrupt("unknown tag kind %d".formatted(kind));
            };
            if (dm4 && be.position() != end) {
                // the entry size is authoritative in DM4: resynchronise on it
                be.position((int) end);
            }
            entries.add(new Entry(new String(name, StandardCharsets.ISO_8859_1), node));
        }
        return new Group(List.copyOf(entries));
    }

    private Node data() throws ImageFormatException {
        if (be.get() != '%' || be.get() != '%' || be.get() != '%' || be.get() != '%') {
            throw corrupt("a data tag without its %%%% marker");
        }
        long words = word();
        if (words < 1 || words > MAX_TYPE_WORDS) {
            throw corrupt("a data tag with %d type words".formatted(words));
        }
        long[] info = new long[(int) words];
        for (int i = 0; i < info.length; i++) {
            info[i] = word();
        }
        int type = (int) info[0];
        if (type == STRUCT) {
            return new Value(struct(info, 1));
        }
        if (type == STRING) {
            long chars = need(info, 1);
            skip(chars * 2);
            return new Value("");
        }
        if (type == ARRAY) {
            long elementType = need(info, 1);
            int elementBytes;
            long count;
            if (elementType == STRUCT) {
                long fields = need(info, 3);
                elementBytes = 0;
                for (int f = 0; f < fields; f++) {
                    elementBytes += size((int) need(info, 5 + 2 * f));
                }
                count = need(info, 4 + 2 * (int) fields);
            } else {
                elementBytes = size((int) elementType);
                count = need(info, 2);
            }
            if (count < 0 || elementBytes <= 0 || count > be.remaining() / elementBytes) {
                throw corrupt("an array of %d elements of %d bytes with %d bytes left".formatted(count, elementBytes, be.remaining()));
            }
            Array array = new Array((int) elementType, count, be.position(), elementBytes);
            skip(count * elementBytes);
            return array;
        }
        return new Value(number(type));
    }

    private List<Number> struct(long[] info, int at) throws ImageFormatException {
        long fields = need(info, at + 1);
        if (fields > info.length) {
            throw corrupt("a struct of %d fields".formatted(fields));
        }
        List<Number> values = new ArrayList<>();
        for (int f = 0; f < fields; f++) {
            values.add(number((int) need(info, at + 3 + 2 * f)));
        }
        return List.copyOf(values);
    }

    private Number number(int type) throws ImageFormatException {
        ByteBuffer d = be.duplicate().order(order);
        Number n = switch (type) {
            case 2 -> (long) d.getShort();
            case 3 -> (long) d.getInt();
            case 4 -> (long) (d.getShort() & 0xFFFF);
            case 5 -> d.getInt() & 0xFFFF_FFFFL;
            case 6 -> (double) d.getFloat();
            case 7 -> d.getDouble();
            case 8, 9 -> (long) d.get();
            case 10 -> (long) (d.get() & 0xFF);
            case 11, 12 -> d.getLong();
            default -> throw corrupt("unknown DM data type %d".formatted(type));
        };
        be.position(d.position());
        return n;
    }

    /** Bytes of one element of a simple DM type, or a corrupt-file error. */
    private int size(int type) throws ImageFormatException {
        return switch (type) {
            case 2, 4 -> 2;
            case 3, 5, 6 -> 4;
            case 7, 11, 12 -> 8;
            case 8, 9, 10 -> 1;
            default -> throw corrupt("unsupported DM element type %d in an array or struct".formatted(type));
        };
    }

    private long need(long[] info, int i) throws ImageFormatException {
        if (i >= info.length) {
            throw corrupt("a data tag's type description is cut short");
        }
        return info[i];
    }

    private long word() {
        return dm4 ? be.getLong() : be.getInt();
    }

    private void skip(long bytes) throws ImageFormatException {
        if (bytes < 0 || bytes > be.remaining()) {
            throw corrupt("a value of %d bytes with %d bytes left".formatted(bytes, be.remaining()));
        }
        be.position(be.position() + (int) bytes);
    }

    private ImageFormatException corrupt(String what) {
        return new ImageFormatException(source, "corrupt DM%d tag tree at byte %d: %s".formatted(dm4 ? 4 : 3, be.position(), what));
    }
}
