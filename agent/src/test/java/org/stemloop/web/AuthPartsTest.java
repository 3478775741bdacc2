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

        assertThat(UserFile.ensureFirstOperator(file, "from-env-0001")).isEmpty();
        UserFile.User op = UserFile.load(file).find("operator").orElseThrow();
        assertThat(op.role()).isEqualTo(Role.OPERATOR);
        assertThat(PasswordHash.verify("from-env-0001".toCharArray(), op.hash())).isTrue();
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
    void shortPasswordsAreRefusedEverywhere() {
        Path file = dir.resolve("users.txt");
        assertThatThrownBy(() -> UserFile.ensureFirstOperator(file, "eleven-char"))
                .hasMessageContaining(UserFile.PASSWORD_ENV).hasMessageContaining("12");
        UserFile.ensureFirstOperator(file, null);
        assertThatThrownBy(() -> UserFile.load(file).put("ada", Role.VIEWER, "short".toCharArray()))
                .hasMessageContaining("at least 12");
        UserFile.load(file).put("ada", Role.VIEWER, "twelve-chars".toCharArray());
        assertThat(UserFile.load(file).find("ada")).isPresent();
    }
}
