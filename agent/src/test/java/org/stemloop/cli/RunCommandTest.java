package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
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
        AgentConfig config = parse("--config", file.toString(), "--instrument", "spectra-1").configuration(NO_ENV).agent();

        assertThat(config.broker().url()).isEqualTo("tcp://scope-pc:1884");
        assertThat(config.broker().topics().frames()).isEqualTo("stemloop/spectra-1/frames");
        assertThat(config.broker().password()).isEqualTo("from-file");
        assertThat(config.broker().toString()).doesNotContain("from-file");
        assertThat(config.mode()).isEqualTo(RunMode.AUTONOMOUS);
        assertThat(config.params().threshold()).isEqualTo(0.05);
        assertThat(config.params().maxSigma()).isEqualTo(AgentConfig.DEFAULT_PARAMS.maxSigma());
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:h2:./stemloop-data/stemloop");
        assertThat(config.optimiser()).isEqualTo(org.stemloop.agent.OptimiserSettings.DEFAULT);
    }

    @Test
    void optimiserSettingsAndTheHttpPortAreKept() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), """
                optimise = false
                drift-tolerance = 0.25
                optimise-window = 128
                http-port = 8080
                """);
        Configuration loaded = parse("--config", file.toString(), "--http-port", "9090").configuration(NO_ENV);
        AgentConfig config = loaded.agent();
        assertThat(config.optimiser().enabled()).isFalse();
        assertThat(config.optimiser().driftTolerance()).isEqualTo(0.25);
        assertThat(config.optimiser().window()).isEqualTo(128);
        assertThat(loaded.web().port()).isEqualTo(9090);
        assertThat(parse("--config", file.toString()).configuration(NO_ENV).web().port()).isEqualTo(8080);
    }

    @Test
    void backpressureAndTheMetricsEndpointAreKept() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), """
                frame-policy = newest
                receive-maximum = 16
                queue-size = 2
                metrics-port = 9464
                log-format = json
                """);
        RunCommand run = parse("--config", file.toString());
        AgentConfig config = run.configuration(NO_ENV).agent();
        assertThat(config.backpressure()).isEqualTo(new org.stemloop.agent.Backpressure(
                org.stemloop.agent.FramePolicy.NEWEST, 16, 2));
        assertThat(config.metrics()).isEqualTo(new org.stemloop.ops.OpsEndpoint("127.0.0.1", 9464));
        assertThat(config.operations().logFormat()).isEqualTo(org.stemloop.ops.LogFormat.JSON);
        Path newest = Files.writeString(dir.resolve("newest.properties"), "frame-policy = newest\nmetrics-port = 9464\n");
        AgentConfig flags = parse("--config", newest.toString(), "--frame-policy", "every", "--metrics-port", "0")
                .configuration(NO_ENV).agent();
        assertThat(flags.backpressure().policy()).isEqualTo(org.stemloop.agent.FramePolicy.EVERY);
        assertThat(flags.metrics().port()).isZero();
        AgentConfig defaults = parse().configuration(NO_ENV).agent();
        assertThat(defaults.backpressure()).isEqualTo(org.stemloop.agent.Backpressure.DEFAULT);
        assertThat(defaults.metrics()).as("not served unless asked").isNull();
    }

    @Test
    void atomClassesAreOffByDefaultAndSetByTheFileOrTheFlag() throws IOException {
        assertThat(parse().configuration(NO_ENV).agent().classes()).isNull();
        Path file = Files.writeString(dir.resolve("classes.properties"), "classes = 3\n");
        assertThat(parse("--config", file.toString()).configuration(NO_ENV).agent().classes().maxClasses()).isEqualTo(3);
        assertThat(parse("--config", file.toString(), "--classes", "auto").configuration(NO_ENV).agent().classes())
                .isEqualTo(org.stemloop.cluster.ClassSettings.AUTO);
        assertThat(parse("--config", file.toString(), "--classes", "off").configuration(NO_ENV).agent().classes()).isNull();
    }

    @Test
    void contrastAndCalibrationAreAutoAndLatticeByDefaultAndSetByTheFileOrTheFlag() throws IOException {
        assertThat(parse().configuration(NO_ENV).agent().analysis().preparation().toString())
                .isEqualTo("contrast auto, calibrate lattice");
        Path file = Files.writeString(dir.resolve("reading.properties"), "contrast = dark\ncalibrate = told\n");
        assertThat(parse("--config", file.toString()).configuration(NO_ENV).agent().analysis().preparation()
                .toString()).isEqualTo("contrast dark, calibrate told");
        assertThat(parse("--config", file.toString(), "--contrast", "bright", "--calibrate", "lattice")
                .configuration(NO_ENV).agent().analysis().preparation().toString())
                .isEqualTo("contrast bright, calibrate lattice");
    }

    @Test
    void thePasswordFromTheEnvironmentWins() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), "password = from-file\n");
        assertThat(parse("--config", file.toString()).configuration(password("from-env")).agent().broker().password()).isEqualTo("from-env");
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
        org.stemloop.web.WebConfig web = withFile.configuration(Map.of(ConfigKeys.WEB_PASSWORD_ENV, "web-from-env")::get).web();
        assertThat(web.port()).isEqualTo(8081);
        assertThat(web.host()).isEqualTo("127.0.0.1");
        assertThat(web.usersFile()).isEqualTo(Path.of("/srv/stemloop/users.txt"));
        assertThat(web.broker().username()).isEqualTo("stemloop-web");
        assertThat(web.broker().password()).isEqualTo("web-from-env");
        assertThat(web.jdbcUrl()).isEqualTo("jdbc:h2:./stemloop-data/stemloop");

        RunCommand flagOnly = parse("--http-port", "0");
        assertThat(flagOnly.configuration(NO_ENV).web().broker().username())
                .as("the agent's own credentials without web-username").isNull();
        RunCommand none = parse();
        assertThat(none.configuration(NO_ENV).web()).as("no port, no web UI").isNull();
    }

    @Test
    void theExampleConfigFileIsValid() {
        Path example = Path.of(System.getProperty("user.dir")).resolve("../broker-config/stemloop.properties");
        AgentConfig config = parse("--config", example.toString()).configuration(NO_ENV).agent();
        assertThat(config.mode()).isEqualTo(RunMode.SUPERVISED);
        assertThat(config.params()).isEqualTo(AgentConfig.DEFAULT_PARAMS);
        assertThat(config.limits()).isEqualTo(org.stemloop.mqtt.InputLimits.DEFAULT);
    }

    @Test
    void sizeLimitsComeFromTheFileAndTheFlags() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), """
                max-frame-bytes = 1_048_576
                max-frame-pixels = 262144
                max-control-bytes = 4096
                """);
        org.stemloop.mqtt.InputLimits limits = parse("--config", file.toString(), "--max-frame-pixels", "65536")
                .configuration(NO_ENV).agent().limits();
        assertThat(limits).isEqualTo(new org.stemloop.mqtt.InputLimits(1 << 20, 65536, 4096));
        assertThat(limits.maximumPacketSize()).isEqualTo(2 * (1 << 20) + (64 << 10));
        assertThat(parse().configuration(NO_ENV).agent().limits()).isEqualTo(org.stemloop.mqtt.InputLimits.DEFAULT);
    }

    @Test
    void aShareGroupTakesFramesThroughASharedSubscriptionAndKeepsControlPlain() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.properties"), """
                instrument = titan-2
                share-group = fleet
                client-id = agent-from-file
                """);
        AgentConfig config = parse("--config", file.toString(), "--client-id", "agent-2").configuration(NO_ENV).agent();
        assertThat(config.broker().shareGroup()).isEqualTo("fleet");
        assertThat(config.broker().clientId()).isEqualTo("agent-2");
        assertThat(config.broker().frameSubscription()).isEqualTo("$share/fleet/stemloop/titan-2/frames");
        assertThat(config.broker().topics().control()).isEqualTo("stemloop/titan-2/control");
        assertThat(config.broker().statusTopic()).isEqualTo("stemloop/titan-2/status/agent-2");

        AgentConfig alone = parse("--instrument", "titan-2").configuration(NO_ENV).agent();
        assertThat(alone.broker().shared()).isFalse();
        assertThat(alone.broker().frameSubscription()).isEqualTo("stemloop/titan-2/frames");
        assertThat(alone.broker().statusTopic()).isEqualTo("stemloop/titan-2/status");
        assertThat(alone.broker().clientId()).isEqualTo("stemloop-agent-titan-2");
    }

    @Nested
    class BadInput {

        @Test
        void aSizeLimitOutOfRangeIsNamed() throws IOException {
            Path file = Files.writeString(dir.resolve("agent.properties"), "max-frame-pixels = lots\n");
            assertThatThrownBy(() -> parse("--config", file.toString()).configuration(NO_ENV).agent())
                    .isInstanceOf(Cli.InputException.class)
                    .hasMessage("Config key max-frame-pixels is not a whole number: lots");
            assertThatThrownBy(() -> parse("--max-frame-bytes", "10").configuration(NO_ENV).agent())
                    .isInstanceOf(Cli.InputException.class)
                    .hasMessage("max-frame-bytes must be 1024..268435455 bytes: 10");
        }

        @Test
        void aShareGroupWithoutAClientIdIsNamed() {
            assertThatThrownBy(() -> parse("--share-group", "fleet").configuration(NO_ENV).agent())
                    .isInstanceOf(Cli.InputException.class)
                    .hasMessageContaining("share-group fleet needs a client-id per agent");
        }

        @Test
        void aShareGroupWithATopicWildcardIsNamed() {
            assertThatThrownBy(() -> parse("--share-group", "a/b", "--client-id", "x").configuration(NO_ENV).agent())
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
        void aBadFramePolicyOrBoundIsExitCode2NamingIt() throws IOException {
            var run = EvaluateCommandTest.run("run", "--frame-policy", "latest");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("frame-policy must be every or newest: latest");
            Path file = Files.writeString(dir.resolve("agent.properties"), "receive-maximum = 16\nqueue-size = 4\n");
            assertThatThrownBy(() -> parse("--config", file.toString()).configuration(NO_ENV).agent())
                    .hasMessageContaining("queue-size (4) must be at least receive-maximum (16)");
            Path notNumber = Files.writeString(dir.resolve("n.properties"), "receive-maximum = many\n");
            assertThatThrownBy(() -> parse("--config", notNumber.toString()).configuration(NO_ENV).agent())
                    .isInstanceOf(Cli.InputException.class).hasMessageContaining("receive-maximum is not a whole number");
        }

        @Test
        void aBadClassesValueIsNamed() {
            var run = EvaluateCommandTest.run("run", "--classes", "lots");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("classes must be off, auto or a number of classes 1-10: lots");
        }

        @Test
        void aBadContrastOrCalibrationIsNamedAtStartUp() {
            var contrast = EvaluateCommandTest.run("run", "--contrast", "grey");
            assertThat(contrast.code()).isEqualTo(2);
            assertThat(contrast.err()).contains("contrast must be bright, dark or auto: grey");
            var calibrate = EvaluateCommandTest.run("run", "--calibrate", "fft");
            assertThat(calibrate.code()).isEqualTo(2);
            assertThat(calibrate.err()).contains("calibrate must be lattice or told: fft");
        }

        @Test
        void thereIsNoPasswordFlag() {
            assertThat(EvaluateCommandTest.run("run", "--password", "secret").code()).isEqualTo(2);
        }

        @Test
        void aTypoInTheConfigFileIsNamed() throws IOException {
            Path file = Files.writeString(dir.resolve("agent.properties"), "brokr = tcp://x:1\n");
            assertThatThrownBy(() -> parse("--config", file.toString()).configuration(NO_ENV).agent())
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
            assertThat(parse("--config", file.toString()).configuration(NO_ENV).agent().unetModel()).isEqualTo(notOnnx.toString());
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

    /** TLS, HTTPS and where secrets may come from (docs/operations.md, "Security"). */
    @Nested
    class Secrets {

        @Test
        void thePasswordMayComeFromAFileAndTheEnvironmentStillWins() throws IOException {
            Path secret = Files.writeString(dir.resolve("broker.secret"), "from-secret-file\n");
            Path file = Files.writeString(dir.resolve("agent.properties"), "password-file = " + secret + "\n");
            assertThat(parse("--config", file.toString()).configuration(NO_ENV).agent().broker().password())
                    .isEqualTo("from-secret-file");
            assertThat(parse("--config", file.toString()).configuration(password("from-env")).agent().broker().password())
                    .isEqualTo("from-env");
            Path missing = Files.writeString(dir.resolve("missing.properties"), "password-file = " + dir.resolve("nope")
                    + "\n");
            assertThatThrownBy(() -> parse("--config", missing.toString()).configuration(NO_ENV).agent())
                    .isInstanceOf(Cli.InputException.class).hasMessageContaining("password-file")
                    .hasMessageContaining("not found");
        }

        @Test
        void noCommandTakesAPasswordFlag() {
            for (String[] command : new String[][] {{"run"}, {"demo"}, {"simulate", "--material", "graphene"},
                    {"users", "add", "alice"}}) {
                String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                        java.util.stream.Stream.of("--password", "secret")).toArray(String[]::new);
                var run = EvaluateCommandTest.run(args);
                assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
                assertThat(run.err()).as(String.join(" ", args)).contains("Unknown option")
                        .contains("passwords never go on the command line").contains("password-file");
            }
        }

        @Test
        void aDatabasePasswordOnTheCommandLineIsRefusedAndNeverPrinted() {
            var run = EvaluateCommandTest.run("run", "--db", "jdbc:postgresql://db/stemloop?user=a&password=hunter2");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("--db holds a password").contains("config file").doesNotContain("hunter2");
            assertThat(org.stemloop.store.JdbcUrls.masked("jdbc:postgresql://db/s?user=a&password=hunter2&ssl=true"))
                    .isEqualTo("jdbc:postgresql://db/s?user=a&password=***&ssl=true");
            assertThat(org.stemloop.store.JdbcUrls.masked("jdbc:h2:./x;USER=sa;PASSWORD=hunter2"))
                    .isEqualTo("jdbc:h2:./x;USER=sa;PASSWORD=***");
        }

        @Test
        void brokerTlsKeysNeedAnSslUrlAndExistingFiles() throws IOException {
            Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked here");
            Path tcp = Files.writeString(dir.resolve("tcp.properties"), "broker = tcp://x:1883\nbroker-ca = " + ca + "\n");
            assertThatThrownBy(() -> parse("--config", tcp.toString()).configuration(NO_ENV).agent())
                    .isInstanceOf(Cli.InputException.class).hasMessageContaining("not ssl://");
            Path gone = Files.writeString(dir.resolve("gone.properties"), "broker = ssl://x:8883\nbroker-ca = "
                    + dir.resolve("gone.pem") + "\n");
            assertThatThrownBy(() -> parse("--config", gone.toString()).configuration(NO_ENV).agent())
                    .isInstanceOf(Cli.InputException.class).hasMessageContaining("broker-ca").hasMessageContaining("gone.pem");
            Path half = Files.writeString(dir.resolve("half.properties"), "broker = ssl://x:8883\nbroker-cert = " + ca
                    + "\n");
            assertThatThrownBy(() -> parse("--config", half.toString()).configuration(NO_ENV).agent())
                    .isInstanceOf(Cli.InputException.class).hasMessageContaining("broker-key");
            Path ok = Files.writeString(dir.resolve("ok.properties"), "broker = ssl://x:8883\nbroker-ca = " + ca + "\n");
            org.stemloop.mqtt.BrokerSettings broker = parse("--config", ok.toString()).configuration(NO_ENV).agent().broker();
            assertThat(broker.tls().caFile()).isEqualTo(ca);
            assertThat(broker.tls().verifyHostname()).as("hostname verification on by default").isTrue();
        }

        @Test
        void httpsMakesCookiesSecureUnlessTheFileSaysOtherwise() throws IOException {
            Path cert = Files.writeString(dir.resolve("web.pem"), "x");
            Path key = Files.writeString(dir.resolve("web.key"), "x");
            String https = "http-port = 8443\nhttps-cert = %s\nhttps-key = %s\n".formatted(cert, key);
            RunCommand secure = parse("--config", Files.writeString(dir.resolve("a.properties"), https).toString());
            org.stemloop.web.WebConfig web = secure.configuration(NO_ENV).web();
            assertThat(web.scheme()).isEqualTo("https");
            assertThat(web.secureCookies()).isTrue();
            RunCommand optOut = parse("--config", Files.writeString(dir.resolve("b.properties"),
                    https + "secure-cookies = false\n").toString());
            assertThat(optOut.configuration(NO_ENV).web().secureCookies()).isFalse();
            RunCommand plain = parse("--http-port", "8080");
            assertThat(plain.configuration(NO_ENV).web().secureCookies()).isFalse();

            RunCommand keystore = parse("--config", Files.writeString(dir.resolve("c.properties"),
                    "http-port = 8443\nhttps-keystore = %s\n".formatted(cert)).toString());
            org.stemloop.web.WebConfig fromKeystore = keystore.configuration(Map.of(ConfigKeys.KEYSTORE_PASSWORD_ENV, "ks-secret")::get).web();
            assertThat(fromKeystore.https().keystorePassword()).isEqualTo("ks-secret");
            assertThat(fromKeystore.toString()).doesNotContain("ks-secret");
            RunCommand both = parse("--config", Files.writeString(dir.resolve("d.properties"),
                    https + "https-keystore = " + cert + "\n").toString());
            assertThatThrownBy(() -> both.configuration(NO_ENV).web())
                    .isInstanceOf(Cli.InputException.class).hasMessageContaining("not both");
        }
    }

    private static final UnaryOperator<String> NO_ENV = name -> null;

    /** An environment holding only the broker password. */
    private static UnaryOperator<String> password(String value) {
        return Map.of(ConfigKeys.BROKER_PASSWORD_ENV, value)::get;
    }

    private static RunCommand parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
