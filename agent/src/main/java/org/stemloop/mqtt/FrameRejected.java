package org.stemloop.mqtt;

/**
 * A frame message that cannot be analysed; it goes to the errors topic with {@link #frameId()} and
 * {@link #getMessage()} as the detail, and is still acknowledged so the broker does not redeliver it.
 * Control characters (newlines included) in the id and the detail are shown as '?'; the detail is cut
 * at 1000 characters.
 */
public final class FrameRejected extends Exception {

    private final String frameId;
    private final String error;

    /**
     * @param frameId the frame id when the message carried one, else {@code null}
     * @param error   a short machine-readable kind, e.g. {@code bad-frame}, {@code missing-frame-id}
     * @param detail  one line a human understands
     */
    public FrameRejected(String frameId, String error, String detail) {
        // one line without control characters, whatever the sender put in the id or the payload
        super(Printable.of(detail, Printable.MAX_DETAIL));
        this.frameId = Printable.of(frameId);
        this.error = error;
    }

    /** The frame id, or {@code null} when the message carried none. */
    public String frameId() {
        return frameId;
    }

    /** The kind of error, for the {@code error} field of the errors topic. */
    public String error() {
        return error;
    }
}
