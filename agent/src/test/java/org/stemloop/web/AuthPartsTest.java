package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password hashes, the users file and the login throttle. */
class AuthPartsTest {

    @TempDir
    Path dir;

    @Test
    void hashesAreSaltedAndVerifyOnlyTheirPassword() {
        String a = PasswordHash.hash("correct horse".toCharArray());
        String b = PasswordHash.hash("correct horse".toCharArray());
        assertThat(a).startsWith("pbkdf2-sha256$" + PasswordHash.DEFAULT_ITERATIONS + "$").isNotEqualTo(b);
        assertThat(PasswordHash.verify("correct horse".toCharArray(), a)).isTrue();
        assertThat(PasswordHash.verify("correct horsf".toCharArray(), a)).isFalse();
        assertThatThrownBy(() -> PasswordHash.verify("x".toCharArray(), "plain-text"))
                .hasMessageContaining("pbkdf2-sha256");
    }

    @Test
    void theFirstOperatorGetsTheGivenPasswordOrAGeneratedOneShownOnce() throws Exception {
        Path file = dir.resolve("users.txt");
        Optional<String> generated = UserFile.ensureFirstOperator(file, null);
        assertThat(generated).isPresent();
        assertThat(generated.get()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Files.readString(file)).doesNotContain(generated.get()).contains("operator operator pbkdf2-sha256$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(UserFile.ensureFirstOperator(file, null)).as("not again").isEmpty();

        assertThat(UserFile.ensureFirstOperator(file, "from-env")).isEmpty();
        UserFile.User op = UserFile.load(file).find("operator").orElseThrow();
        assertThat(op.role()).isEqualTo(Role.OPERATOR);
        assertThat(PasswordHash.verify("from-env".toCharArray(), op.hash())).isTrue();
    }

    @Test
    void aBrokenUsersFileNamesTheLine() throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "# users\nada viewer\n");
        assertThatThrownBy(() -> UserFile.load(file)).hasMessageContaining("line 2");
        Files.writeString(file, "ada admin pbkdf2-sha256$1$AA$AA\n");
        assertThatThrownBy(() -> UserFile.load(file)).hasMessageContaining("viewer or operator");
    }

    @Test
    void theThrottleBlocksAfterMaxFailuresUntilTheWindowPasses() {
        AtomicLong now = new AtomicLong(1_000);
        LoginThrottle t = new LoginThrottle(now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(t.retryAfterMs("user:a", 5)).isZero();
            t.failed("user:a");
            now.addAndGet(1_000);
        }
        assertThat(t.retryAfterMs("user:a", 5)).isEqualTo(LoginThrottle.WINDOW_MS - 5_000);
        assertThat(t.retryAfterMs("user:b", 5)).isZero();
        now.addAndGet(LoginThrottle.WINDOW_MS);
        assertThat(t.retryAfterMs("user:a", 5)).isZero();
        t.failed("user:a");
        t.succeeded("user:a");
        assertThat(t.retryAfterMs("user:a", 1)).isZero();
    }
}
