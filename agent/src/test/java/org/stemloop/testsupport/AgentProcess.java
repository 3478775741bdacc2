package org.stemloop.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code stemloop <args>} as a separate JVM process, as an operator would start it: this test run's class
 * path through an {@code @argfile} (ONNX Runtime crashes on very long command lines, DESIGN §4), the test's
 * folder as working folder (the default users file and data folder land there), stdout and stderr to
 * {@code NAME.log} in it. {@link #close()} kills what is still running.
 */
public final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code org.stemloop.cli.Main args...} in {@code dir}, logging to {@code dir/NAME.log}. */
    public static AgentProcess start(Path dir, String name, List<String> args) throws IOException {
        Path argFile = dir.resolve("java.args");
        if (!Files.exists(argFile)) {
            Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "@" + argFile, "org.stemloop.cli.Main"));
        command.addAll(args);
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new AgentProcess(p, log);
    }

    public Process process() {
        return process;
    }

    /** What the process printed so far, for failure messages and log checks. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the process to stop (SIGTERM: the agent's orderly shutdown) and waits up to {@code seconds}. */
    public boolean stop(int seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
