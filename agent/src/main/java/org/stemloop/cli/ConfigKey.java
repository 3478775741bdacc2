package org.stemloop.cli;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One key of the configuration: its group, whether {@code run} has a flag of the same name
 * ({@code --KEY}), the environment variable that wins over it (secrets only), its default and what
 * it sets. {@link ConfigKeys} lists them all; docs/operations.md's key table is generated from it.
 *
 * @param name         the key in the config file, e.g. {@code max-frame-bytes}
 * @param group        which record of the configuration it fills
 * @param flag         {@code run} takes it as {@code --name} too (flags override the file)
 * @param env          the environment variable that wins over the file, or {@code null}
 * @param defaultValue the default as a person reads it
 * @param meaning      what it sets, one sentence
 */
record ConfigKey(String name, Group group, boolean flag, String env, String defaultValue, String meaning) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** The records of the configuration the keys fill. */
    enum Group {
        BROKER, ANALYSIS, LIMITS, OPERATIONS, WEB;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    ConfigKey {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(meaning, "meaning");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Config key must be lower-case words joined by dashes: " + name);
        }
    }
}
