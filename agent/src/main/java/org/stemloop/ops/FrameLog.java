package org.stemloop.ops;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logs a line about one frame with its id as a field ({@code frame_id} in {@link JsonLogFormatter}'s output),
 * rather than only inside the message text. The plain format prints the message unchanged (the id is
 * usually in the text too, for people reading it).
 *
 * {@snippet :
 * private static final FrameLog FRAMES = FrameLog.of(FrameVerticle.class);
 * FRAMES.warn(frameId, "Frame rejected: " + why, null);
 * }
 */
public final class FrameLog {

    private final Logger logger;

    private FrameLog(Logger logger) {
        this.logger = logger;
    }

    /** A frame logger named after {@code type}, as Vert.x names its loggers. */
    public static FrameLog of(Class<?> type) {
        return new FrameLog(Logger.getLogger(type.getName()));
    }

    public void info(String frameId, String message) {
        log(Level.INFO, frameId, message, null);
    }

    public void warn(String frameId, String message, Throwable thrown) {
        log(Level.WARNING, frameId, message, thrown);
    }

    public void error(String frameId, String message, Throwable thrown) {
        log(Level.SEVERE, frameId, message, thrown);
    }

    private void log(Level level, String frameId, String message, Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger.getName());
        // the source is the logger, not this helper (JUL would otherwise infer FrameLog as the caller)
        record.setSourceClassName(logger.getName());
        record.setSourceMethodName(null);
        record.setParameters(new Object[] {new FrameId(frameId)});
        record.setThrown(thrown);
        logger.log(record);
    }

    /** The frame id a record was logged with, or {@code null}. */
    static String frameId(LogRecord record) {
        Object[] params = record.getParameters();
        if (params != null) {
            for (Object p : params) {
                if (p instanceof FrameId id) {
                    return id.value();
                }
            }
        }
        return null;
    }

    /** The frame id carried as a log record parameter (no placeholder in the message refers to it). */
    private record FrameId(String value) {
        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }
}
