package org.stemloop.ops;

import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * How the process writes its log lines ({@code log-format} in the config file, {@code --log-format} on
 * {@code run}): {@code plain} (JUL's one- or two-line text, the default) or {@code json}
 * ({@link JsonLogFormatter}, one object per line).
 */
public enum LogFormat {
    PLAIN,
    JSON;

    /** Parses {@code plain} or {@code json}; anything else is an error naming the choices. */
    public static LogFormat parse(String text) {
        if (text == null) {
            return PLAIN;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "plain", "text" -> PLAIN;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("log-format must be plain or json: " + text);
        };
    }

    /** Puts this format on every handler of the root logger (the console handler unless configured otherwise). */
    public void install() {
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setFormatter(this == JSON ? new JsonLogFormatter() : new SimpleFormatter());
        }
    }
}
