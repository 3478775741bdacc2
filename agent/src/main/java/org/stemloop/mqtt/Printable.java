package org.stemloop.mqtt;

/**
 * Text from a sender, made fit for a one-line error message or a log line: control characters (newlines,
 * U+0000) shown as '?', and cut at a length. What a sender puts in an id or a payload must not shape the
 * agent's answer.
 */
public final class Printable {

    /** The longest error detail the agent sends: a hostile header must not make a hostile error message. */
    public static final int MAX_DETAIL = 1000;

    private Printable() {
    }

    /** {@code text} with every control character replaced by '?'; {@code null} stays {@code null}. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    /** As {@link #of(String)}, cut to {@code max} characters with "..." after a cut. */
    public static String of(String text, int max) {
        String shown = of(text);
        return shown == null || shown.length() <= max ? shown : shown.substring(0, max) + "...";
    }

    /** Whether {@code text} holds no control character. */
    public static boolean is(String text) {
        return text.codePoints().noneMatch(Character::isISOControl);
    }
}
