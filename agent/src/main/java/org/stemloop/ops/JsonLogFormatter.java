package org.stemloop.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Writes each log record as one JSON object on one line, for log shippers (journald, Loki, Elasticsearch):
 * {@code {"time", "level", "logger", "thread", "message", "frame_id"?, "error"?, "stack"?}}. {@code time} is
 * the record's instant in ISO-8601 UTC; {@code frame_id} is there when the record was logged through
 * {@link FrameLog}; {@code error} and {@code stack} when it carries an exception. Newlines and quotes inside
 * a message are escaped, so a line is always exactly one record.
 *
 * <p>A plain {@link java.util.logging} formatter: Vert.x and the agent log through JUL (SLF4J here has only
 * its no-op binding, which Vert.x skips), so installing it on the root handlers ({@link LogFormat}) covers
 * every line the process writes.
 */
public final class JsonLogFormatter extends Formatter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format(LogRecord record) {
        ObjectNode line = JSON.createObjectNode()
                .put("time", record.getInstant().toString())
                .put("level", record.getLevel().getName())
                .put("logger", record.getLoggerName())
                .put("thread", Thread.currentThread().getName())
                .put("message", formatMessage(record));
        String frameId = FrameLog.frameId(record);
        if (frameId != null) {
            line.put("frame_id", frameId);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.put("error", thrown.toString());
            StringWriter stack = new StringWriter();
            thrown.printStackTrace(new PrintWriter(stack));
            line.put("stack", stack.toString());
        }
        try {
            return JSON.writeValueAsString(line) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            // cannot happen for a tree of strings; say so on one line rather than lose the record
            return "{\"level\":\"SEVERE\",\"message\":\"unformattable log record\"}" + System.lineSeparator();
        }
    }
}
