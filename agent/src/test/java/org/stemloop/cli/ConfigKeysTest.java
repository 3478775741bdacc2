package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The key table of docs/operations.md, the {@code run} flags and the example file agree with {@link ConfigKeys}. */
class ConfigKeysTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..");
    private static final String BEGIN = "<!-- config-keys:begin (generated from cli/ConfigKeys by ConfigKeysTest) -->\n";
    private static final String END = "<!-- config-keys:end -->";

    @Test
    void theDocumentedTableIsTheOneTheCodeMakes() throws IOException {
        Path doc = ROOT.resolve("docs/operations.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("docs/operations.md has the marked key table").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = ConfigKeys.markdown();
        if (Boolean.getBoolean("stemloop.writeDocs")) {
            text = text.substring(0, begin + BEGIN.length()) + expected + text.substring(end);
            Files.writeString(doc, text, StandardCharsets.UTF_8);
        }
        assertThat(text.substring(begin + BEGIN.length(), text.indexOf(END)))
                .as("docs/operations.md's key table; rerun with -Dstemloop.writeDocs=true to regenerate it")
                .isEqualTo(expected);
    }

    @Test
    void everyRunFlagThatSetsAKeyIsMarkedAndNoOtherIs() {
        Set<String> flags = new TreeSet<>();
        for (OptionSpec option : new CommandLine(new RunCommand()).getCommandSpec().options()) {
            String name = option.longestName().substring(2);
            if (!Set.of("config", "help", "version").contains(name)) {
                flags.add(name);
            }
        }
        Set<String> marked = ConfigKeys.ALL.stream().filter(ConfigKey::flag).map(ConfigKey::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(flags).isEqualTo(marked);
    }

    @Test
    void theExampleFileShowsEveryKey() throws IOException {
        String example = Files.readString(ROOT.resolve("broker-config/stemloop.properties"));
        for (ConfigKey key : ConfigKeys.ALL) {
            assertThat(Pattern.compile("(?m)^#? ?" + Pattern.quote(key.name()) + " ?=").matcher(example).find())
                    .as("broker-config/stemloop.properties shows %s", key.name()).isTrue();
        }
    }

    @Test
    void theConfigFileTakesExactlyTheseKeys() {
        assertThat(ConfigFile.KEYS).hasSize(ConfigKeys.ALL.size())
                .containsAll(ConfigKeys.ALL.stream().map(ConfigKey::name).toList());
    }
}
