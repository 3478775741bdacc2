package org.stemloop.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The web UI's users: a text file, one user a line, {@code NAME ROLE HASH} separated by spaces
 * ({@code #} starts a comment), e.g.
 *
 * <pre>
 * operator operator pbkdf2-sha256$310000$...$...
 * ada      viewer   pbkdf2-sha256$310000$...$...
 * </pre>
 *
 * Names are 1-64 letters, digits, {@code . _ -}; roles {@code viewer} or {@code operator}; hashes
 * from {@link PasswordHash}. The file is written owner-readable only ({@code 600}) where the file
 * system allows. Blocking (file and hashing): call from a worker thread.
 */
public final class UserFile {

    /** The name of the operator created with a new file. */
    public static final String FIRST_OPERATOR = "operator";
    /** The environment variable that sets the first operator's password. */
    public static final String PASSWORD_ENV = "STEMLOOP_PASSWORD";
    /** The shortest password accepted anywhere (STEMLOOP_PASSWORD, {@code users add}): 12 characters. */
    public static final int MIN_PASSWORD = 12;

    private static final String NAME = "[A-Za-z0-9._-]{1,64}";
    private final Path file;
    private final Map<String, User> users;

    /** A user as in the file. */
    record User(String name, Role role, String hash) {
        User {
            if (name == null || !name.matches(NAME)) {
                throw new IllegalArgumentException("User name must be 1-64 letters, digits, '.', '_' or '-': " + name);
            }
            Objects.requireNonNull(role, "role");
            if (hash == null || !PasswordHash.isHash(hash)) {
                throw new IllegalArgumentException("Password hash of " + name + " is not a pbkdf2-sha256 hash");
            }
        }
    }

    private UserFile(Path file, Map<String, User> users) {
        this.file = file;
        this.users = users;
    }

    /** Reads {@code file}; a missing file is an empty list of users. */
    public static UserFile load(Path file) {
        Map<String, User> users = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                int n = 0;
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    n++;
                    String text = line.strip();
                    if (text.isEmpty() || text.startsWith("#")) {
                        continue;
                    }
                    String[] f = text.split("\\s+");
                    if (f.length != 3) {
                        throw new IllegalArgumentException("%s line %d: expected NAME ROLE HASH".formatted(file, n));
                    }
                    try {
                        users.put(f[0], new User(f[0], Role.parse(f[1]), f[2]));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("%s line %d: %s".formatted(file, n, e.getMessage()), e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read users file " + file, e);
            }
        }
        return new UserFile(file, users);
    }

    /**
     * Makes sure the file has an operator: with no file (or no operator in it), creates
     * {@link #FIRST_OPERATOR} with {@code password}, or a generated one when {@code password} is
     * {@code null} or empty. When the first operator exists and {@code password} is given, the
     * password is set to it. Returns the generated password, to be shown once, if one was generated.
     */
    public static Optional<String> ensureFirstOperator(Path file, String password) {
        UserFile users = load(file);
        boolean given = password != null && !password.isEmpty();
        if (given && password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("%s must have at least %d characters, got %d"
                    .formatted(PASSWORD_ENV, MIN_PASSWORD, password.length()));
        }
        boolean hasOperator = users.users.values().stream().anyMatch(u -> u.role() == Role.OPERATOR);
        if (hasOperator && !given) {
            return Optional.empty();
        }
        Optional<User> first = users.find(FIRST_OPERATOR);
        if (given && first.isPresent() && first.get().role() == Role.OPERATOR
                && PasswordHash.verify(password.toCharArray(), first.get().hash())) {
            return Optional.empty();
        }
        String chosen = given ? password : generated();
        users.put(FIRST_OPERATOR, Role.OPERATOR, chosen.toCharArray());
        return given ? Optional.empty() : Optional.of(chosen);
    }

    /** The user of that name. */
    Optional<User> find(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** Every user's role, by name. */
    Map<String, Role> roles() {
        Map<String, Role> roles = new LinkedHashMap<>();
        users.values().forEach(u -> roles.put(u.name(), u.role()));
        return Map.copyOf(roles);
    }

    /**
     * Adds or replaces a user and writes the file.
     *
     * @throws IllegalArgumentException when the password is shorter than {@link #MIN_PASSWORD} characters
     */
    public void put(String name, Role role, char[] password) {
        requireStrong(password);
        users.put(name, new User(name, role, PasswordHash.hash(password)));
        save();
    }

    /** Removes a user and writes the file; their sessions end within seconds. Returns whether there was one. */
    public boolean remove(String name) {
        boolean had = users.remove(name) != null;
        if (had) {
            save();
        }
        return had;
    }

    /** The check every password passes: {@link #MIN_PASSWORD} characters or more. */
    public static void requireStrong(char[] password) {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("A password must have at least %d characters, got %d"
                    .formatted(MIN_PASSWORD, password == null ? 0 : password.length));
        }
    }

    private void save() {
        StringBuilder text = new StringBuilder("# stemloop web users: NAME ROLE(viewer|operator) PBKDF2-HASH\n");
        users.values().forEach(u -> text.append(u.name()).append(' ').append(u.role().id()).append(' ')
                .append(u.hash()).append('\n'));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".users", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection has to do
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write users file " + file, e);
        }
    }

    /** 18 random bytes as URL-safe Base64: 24 characters, 144 bits. */
    private static String generated() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
