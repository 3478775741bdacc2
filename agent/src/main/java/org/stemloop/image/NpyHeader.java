package org.stemloop.image;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The header dictionary of an NPY file, e.g. {@code {'descr': '<f8', 'fortran_order': False, 'shape':
 * (512, 512), }}: the element type, its byte order, the memory order and the shape.
 *
 * <p>Parsed by a small reader of exactly the Python literals numpy writes (strings, booleans, tuples
 * of integers), never evaluated. Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 *
 * @param type element type
 * @param order byte order of multi-byte elements ({@code |} single bytes count as little endian)
 * @param fortranOrder true when the first axis varies fastest
 * @param shape the array's dimensions, each non-negative
 */
record NpyHeader(SampleType type, ByteOrder order, boolean fortranOrder, long[] shape) {

    NpyHeader {
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeText(shape));
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Parses the header text.
     *
     * @throws IllegalArgumentException naming what is malformed or unsupported
     */
    static NpyHeader parse(String text) {
        Map<String, Object> dict = new Literal(text.strip()).dict();
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (!(descr instanceof String d)) {
            throw new IllegalArgumentException("header has no string 'descr'");
        }
        if (!(fortran instanceof Boolean f)) {
            throw new IllegalArgumentException("header has no boolean 'fortran_order'");
        }
        if (!(shape instanceof long[] s)) {
            throw new IllegalArgumentException("header has no 'shape' tuple");
        }
        return new NpyHeader(type(d), order(d), f, s);
    }

    private static SampleType type(String descr) {
        if (descr.length() < 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
            throw new IllegalArgumentException("malformed dtype '" + descr + "'");
        }
        char kind = descr.charAt(1);
        SampleType t = null;
        try {
            t = SampleType.of(kind, Integer.parseInt(descr.substring(2)));
        } catch (NumberFormatException e) {
            // falls through to the message below, which names the dtype
        }
        if (t == null) {
            throw new IllegalArgumentException("unsupported dtype '" + descr
                    + "' (supported: bool, int8-64, uint8-64, float16/32/64)");
        }
        return t;
    }

    private static ByteOrder order(String descr) {
        return switch (descr.charAt(0)) {
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> ByteOrder.LITTLE_ENDIAN;
        };
    }

    /** {@code 512x512}, or {@code ()} for a scalar. */
    static String shapeText(long[] shape) {
        if (shape.length == 0) {
            return "()";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return sb.toString();
    }

    /** A cursor over the Python literal: dict of str to str, bool or tuple of int. */
    private static final class Literal {
        private final String s;
        private int pos;

        Literal(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            expect('{');
            Map<String, Object> out = new HashMap<>();
            while (!peek('}')) {
                String key = string();
                expect(':');
                out.put(key, value());
                if (!peek('}')) {
                    expect(',');
                }
            }
            expect('}');
            skipSpace();
            if (pos != s.length()) {
                throw malformed("text after the dictionary");
            }
            return out;
        }

        private Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw malformed("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (c == '[') {
                throw new IllegalArgumentException("unsupported structured dtype (plain numeric arrays only)");
            }
            if (s.startsWith("True", pos) || s.startsWith("False", pos)) {
                boolean v = s.startsWith("True", pos);
                pos += v ? 4 : 5;
                return v;
            }
            throw malformed("unexpected '" + c + "'");
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (!peek(')')) {
                dims.add(integer());
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private long integer() {
            skipSpace();
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && s.charAt(pos) == 'L') {
                pos++; // Python 2 long literal
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw malformed("bad shape entry '" + digits + "'");
            }
        }

        private String string() {
            skipSpace();
            char quote = pos < s.length() ? s.charAt(pos) : 0;
            if (quote != '\'' && quote != '"') {
                throw malformed("expected a quoted string");
            }
            int end = s.indexOf(quote, pos + 1);
            if (end < 0) {
                throw malformed("unterminated string");
            }
            String out = s.substring(pos + 1, end);
            pos = end + 1;
            return out;
        }

        private boolean peek(char c) {
            skipSpace();
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw malformed("expected '" + c + "'");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException malformed(String what) {
            return new IllegalArgumentException("malformed header dictionary (" + what + " at character " + pos + ")");
        }
    }
}
