package org.stemloop.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code stemloop run ...} as a separate process, the way an operator starts it, its output in a file:
 * for tests against a real broker. The class path goes in an @argfile so the command line stays short
 * (ONNX Runtime crashes on very long ones, DESIGN §4); the working folder is the test's, so the default
 * users file and data folder land there.
 */
final class RunProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RunProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code run} with {@code args} in {@code dir}. */
    static RunProcess start(Path dir, String... args) throws IOException {
        Path argfile = Files.writeString(dir.resolve("java.args"), "-cp \"" + System.getProperty("java.class.path")
                .replace("\\", "\\\\") + "\"\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "@" + argfile, "org.stemloop.cli.Main", "run"));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("agent.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new RunProcess(p, log);
    }

    Process process() {
        return process;
    }

    /** What the agent printed so far, for failure messages. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the agent (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
