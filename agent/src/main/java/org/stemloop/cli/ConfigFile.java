package org.stemloop.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code run} configuration file: Java properties ({@code key = value}, {@code #} comments), the
 * keys of the {@code run} flags without their dashes plus the secrets that never go on a command
 * line. {@code broker-config/stemloop.properties} is the documented example. Unknown keys are an
 * error, so a typo does not silently fall back to a default.
 */
final class ConfigFile {

    /** Every key a config file may hold ({@link ConfigKeys}). */
    static final Set<String> KEYS = ConfigKeys.NAMES;

    private final Map<String, String> values;

    private ConfigFile(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    static ConfigFile empty() {
        return new ConfigFile(Map.of());
    }

    /** Reads {@code file}; a missing file, bad syntax or an unknown key is bad input naming the file. */
    static ConfigFile read(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new Cli.InputException("Config file not found: " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new Cli.InputException("Cannot read config file %s: %s".formatted(file, e.getMessage()));
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new Cli.InputException("Unknown key '%s' in config file %s (known: %s)"
                        .formatted(key, file, String.join(", ", new TreeSet<>(KEYS))));
            }
            values.put(key, props.getProperty(key).strip());
        }
        return new ConfigFile(values);
    }

    /** The flag's value when given, else the file's, else {@code fallback}. */
    String pick(String key, String flag, String fallback) {
        if (flag != null) {
            return flag;
        }
        String fromFile = values.get(key);
        return fromFile == null || fromFile.isEmpty() ? fallback : fromFile;
    }

    /** A number from the file, else {@code fallback}; a bad number is bad input naming the key. */
    double number(String key, double fallback) {
        String text = values.get(key);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new Cli.InputException("Config key %s is not a number: %s".formatted(key, text));
        }
    }

    /**
     * A whole number: the flag's when given, else the file's (digits may be grouped with underscores), else
     * {@code fallback}; anything else in the file is bad input naming the key.
     */
    Long whole(String key, Long flag, Long fallback) {
        if (flag != null) {
            return flag;
        }
        String text = values.get(key);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new Cli.InputException("Config key %s is not a whole number: %s".formatted(key, text));
        }
    }

    /** As {@link #whole(String, Long, Long)}, for a number that must fit an {@code int}. */
    Integer integer(String key, Integer flag, Integer fallback) {
        Long value = whole(key, flag == null ? null : flag.longValue(), fallback == null ? null : fallback.longValue());
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw new Cli.InputException("Config key %s is out of range: %s".formatted(key, value));
        }
        return value == null ? null : value.intValue();
    }

    /** A boolean from the file ({@code true}/{@code false}), else {@code fallback}; anything else is bad input. */
    boolean bool(String key, boolean fallback) {
        String text = values.get(key);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new Cli.InputException("Config key %s must be true or false: %s".formatted(key, text));
        }
        return Boolean.parseBoolean(text);
    }

    /**
     * A secret: {@code fromEnv} when set (the environment wins), else the file's {@code key}, else the first
     * line of the file named by {@code key-file} (a systemd credential, a Kubernetes secret), else
     * {@code null}. Secrets have no flag: a command line is visible to every user of the machine.
     */
    String secret(String key, String fromEnv) {
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        String inline = values.get(key);
        if (inline != null && !inline.isEmpty()) {
            return inline;
        }
        Path file = path(key + "-file");
        if (file == null) {
            return null;
        }
        try {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new Cli.InputException("Config key %s-file: %s is empty".formatted(key, file));
            }
            return first;
        } catch (IOException e) {
            throw new Cli.InputException("Config key %s-file: cannot read %s: %s".formatted(key, file, e.getMessage()));
        }
    }

    /** A readable file named by {@code key}, or {@code null} when the key is absent; a missing file is bad input. */
    Path path(String key) {
        String text = values.get(key);
        if (text == null || text.isEmpty()) {
            return null;
        }
        Path file = Path.of(text);
        if (!Files.isReadable(file)) {
            throw new Cli.InputException("Config key %s: file not found or not readable: %s".formatted(key, file));
        }
        return file;
    }

    /** The file's value or {@code null}. */
    String get(String key) {
        return values.get(key);
    }
}
