package org.stemloop.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code stemloop run ...} as its own JVM, as an operator starts it: the test's classpath, the working
 * folder given (the default users file and data folder land there), output into a log file. Stopped
 * with SIGTERM ({@link #stop}) or SIGKILL ({@link #kill}: {@code destroyForcibly} is {@code kill -9} on Linux).
 */
public final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code run} with {@code runArgs} in {@code dir}; its output goes to {@code dir/NAME.log}.
     *
     * @param name a name for the log file, e.g. {@code agent-1}
     */
    public static AgentProcess start(Path dir, String name, List<String> runArgs) throws IOException {
        // an @argfile keeps the command line short (ONNX Runtime crashes on very long ones, DESIGN §4)
        Path args = Files.writeString(dir.resolve("java.args"), "-cp \"" + System.getProperty("java.class.path")
                .replace("\\", "\\\\") + "\"\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "@" + args, "org.stemloop.cli.Main", "run"));
        cmd.addAll(runArgs);
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new AgentProcess(p, log);
    }

    /** SIGTERM, as Ctrl-C; whether it ended within {@code seconds}. */
    public boolean stop(long seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** SIGKILL ({@code kill -9}): no goodbye, no shutdown hook; waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the agent printed so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
