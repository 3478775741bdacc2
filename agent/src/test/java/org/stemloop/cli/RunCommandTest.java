package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.RunMode;
import picocli.CommandLine;

class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void flagsOverrideTheFileWhichOverridesTheDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), """
                broker = tcp://scope-pc:1884
                instrument = titan-2
                mode = autonomous
                password = from-file
                threshold = 0.05
                """);
        AgentConfig config = parse("--config", file.toString(), "--instrument", "spectra-1").agentConfig(null);

        assertThat(config.broker().url()).isEqualTo("tcp://scope-pc:1884");
        assertThat(config.broker().topics().frames()).isEqualTo("stemloop/spectra-1/frames");
        assertThat(config.broker().password()).isEqualTo("from-file");
        assertThat(config.broker().toString()).doesNotContain("from-file");
        assertThat(config.mode()).isEqualTo(RunMode.AUTONOMOUS);
        assertThat(config.params().threshold()).isEqualTo(0.05);
        assertThat(config.params().maxSigma()).isEqualTo(AgentConfig.DEFAULT_PARAMS.maxSigma());
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:h2:./stemloop-data/stemloop");
        assertThat(config.optimiser()).isEqualTo(org.stemloop.agent.OptimiserSettings.DEFAULT);
        assertThat(config.httpPort()).isNull();
    }

    @Test
    void optimiserSettingsAndTheHttpPortAreKept() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), """
                optimise = false
                drift-tolerance = 0.25
                optimise-window = 128
                http-port = 8080
                """);
        AgentConfig config = parse("--config", file.toString(), "--http-port", "9090").agentConfig(null);
        assertThat(config.optimiser().enabled()).isFalse();
        assertThat(config.optimiser().driftTolerance()).isEqualTo(0.25);
        assertThat(config.optimiser().window()).isEqualTo(128);
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(parse("--config", file.toString()).agentConfig(null).httpPort()).isEqualTo(8080);
    }

    @Test
    void thePasswordFromTheEnvironmentWins() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), "password = from-file\n");
        assertThat(parse("--config", file.toString()).agentConfig("from-env").broker().password()).isEqualTo("from-env");
    }

    @Test
    void theWebUiRunsOnlyWithAPortAndConnectsAsItsOwnBrokerUserWhenOneIsGiven() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), """
                username = stemloop-agent
                password = agent-secret
                http-port = 8081
                users-file = /srv/stemloop/users.txt
                web-username = stemloop-web
                web-password = web-from-file
                """);
        RunCommand withFile = parse("--config", file.toString());
        org.stemloop.web.WebConfig web = withFile.webConfig(withFile.agentConfig(null), "web-from-env");
        assertThat(web.port()).isEqualTo(8081);
        assertThat(web.host()).isEqualTo("127.0.0.1");
        assertThat(web.usersFile()).isEqualTo(Path.of("/srv/stemloop/users.txt"));
        assertThat(web.broker().username()).isEqualTo("stemloop-web");
        assertThat(web.broker().password()).isEqualTo("web-from-env");
        assertThat(web.jdbcUrl()).isEqualTo("jdbc:h2:./stemloop-data/stemloop");

        RunCommand flagOnly = parse("--http-port", "0");
        assertThat(flagOnly.webConfig(flagOnly.agentConfig(null), null).broker().username())
                .as("the agent's own credentials without web-username").isNull();
        RunCommand none = parse();
        assertThat(none.webConfig(none.agentConfig(null), null)).as("no port, no web UI").isNull();
    }

    @Test
    void theExampleConfigFileIsValid() {
        Path example = Path.of(System.getProperty("user.dir")).resolve("../broker-config/stemloop.properties");
        AgentConfig config = parse("--config", example.toString()).agentConfig(null);
        assertThat(config.mode()).isEqualTo(RunMode.SUPERVISED);
        assertThat(config.params()).isEqualTo(AgentConfig.DEFAULT_PARAMS);
    }

    @Test
    void aShareGroupTakesFramesThroughASharedSubscriptionAndKeepsControlPlain() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), """
                instrument = titan-2
                share-group = fleet
                client-id = agent-from-file
                """);
        AgentConfig config = parse("--config", file.toString(), "--client-id", "agent-2").agentConfig(null);
        assertThat(config.broker().shareGroup()).isEqualTo("fleet");
        assertThat(config.broker().clientId()).isEqualTo("agent-2");
        assertThat(config.broker().frameSubscription()).isEqualTo("$share/fleet/stemloop/titan-2/frames");
        assertThat(config.broker().topics().control()).isEqualTo("stemloop/titan-2/control");
        assertThat(config.broker().statusTopic()).isEqualTo("stemloop/titan-2/status/agent-2");

        AgentConfig alone = parse("--instrument", "titan-2").agentConfig(null);
        assertThat(alone.broker().shared()).isFalse();
        assertThat(alone.broker().frameSubscription()).isEqualTo("stemloop/titan-2/frames");
        assertThat(alone.broker().statusTopic()).isEqualTo("stemloop/titan-2/status");
        assertThat(alone.broker().clientId()).isEqualTo("stemloop-agent-titan-2");
    }

    @Nested
    class BadInput {

        @Test
        void aShareGroupWithoutAClientIdIsNamed() {
            assertThatThrownBy(() -> parse("--share-group", "fleet").agentConfig(null))
                    .isInstanceOf(Cli.InputException.class)
                    .hasMessageContaining("share-group fleet needs a client-id per agent");
        }

        @Test
        void aShareGroupWithATopicWildcardIsNamed() {
            assertThatThrownBy(() -> parse("--share-group", "a/b", "--client-id", "x").agentConfig(null))
                    .isInstanceOf(Cli.InputException.class).hasMessageContaining("Share group must be")
                    .hasMessageContaining("a/b");
            assertThat(EvaluateCommandTest.run("run", "--share-group", "a+", "--client-id", "x").code()).isEqualTo(2);
        }

        @Test
        void anUnknownModeIsExitCode2() {
            var run = EvaluateCommandTest.run("run", "--mode", "manual");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("Unknown mode: manual");
        }

        @Test
        void thereIsNoPasswordFlag() {
            assertThat(EvaluateCommandTest.run("run", "--password", "secret").code()).isEqualTo(2);
        }

        @Test
        void aTypoInTheConfigFileIsNamed() throws IOException {
            Path file = Files.writeString(dir.resolve("agent.properties"), "brokr = tcp://x:1\n");
            assertThatThrownBy(() -> parse("--config", file.toString()).agentConfig(null))
                    .isInstanceOf(Cli.InputException.class).hasMessageContaining("Unknown key 'brokr'");
        }

        @Test
        void aUnetModelThatDoesNotLoadIsExitCode2NamingIt() throws IOException {
            Path missing = dir.resolve("missing.onnx");
            var run = EvaluateCommandTest.run("run", "--unet-model", missing.toString(),
                    "--db", "jdbc:h2:" + dir.resolve("db").toAbsolutePath());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).startsWith("stemloop run: Agent did not start: Model " + missing
                    + ": no such file, and not a shipped model (graphene, srtio3)");
            assertThat(run.err().strip().lines()).hasSize(1);

            Path notOnnx = Files.writeString(dir.resolve("bad.onnx"), "not a model");
            Path file = Files.writeString(dir.resolve("agent.properties"), "unet-model = " + notOnnx + "\n");
            assertThat(parse("--config", file.toString()).agentConfig(null).unetModel()).isEqualTo(notOnnx.toString());
            var fromFile = EvaluateCommandTest.run("run", "--config", file.toString(),
                    "--db", "jdbc:h2:" + dir.resolve("db").toAbsolutePath());
            assertThat(fromFile.code()).isEqualTo(2);
            assertThat(fromFile.err()).contains("Model " + notOnnx + ": not a loadable ONNX model");
        }

        @Test
        void anUnreachableBrokerIsExitCode1WithTheReason() throws IOException {
            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            var run = EvaluateCommandTest.run("run", "--broker", "tcp://127.0.0.1:" + closedPort,
                    "--db", "jdbc:h2:" + dir.resolve("db").toAbsolutePath());
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).startsWith("stemloop run: Agent did not start: Cannot connect to MQTT broker");
        }
    }

    private static RunCommand parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
