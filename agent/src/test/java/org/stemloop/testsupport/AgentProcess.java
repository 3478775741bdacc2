package org.stemloop.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code stemloop ARGS} as a separate process, the way an operator runs it: the test's class path in an
 * {@code @argfile} (ONNX Runtime crashes on very long command lines, DESIGN §4), the working folder
 * {@code dir} (the default users file and data folder land there), stdout and stderr together in
 * {@code dir/agent.log} (or {@code NAME.log}), extra environment variables for the secrets.
 */
public final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code stemloop args...} in {@code dir} with {@code env} added to this JVM's environment. */
    public static AgentProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, "agent", env, List.of(args));
    }

    /** Starts {@code stemloop args...} in {@code dir}, logging to {@code dir/NAME.log} (several agents, one folder). */
    public static AgentProcess start(Path dir, String name, List<String> args) throws IOException {
        return start(dir, name, Map.of(), args);
    }

    private static AgentProcess start(Path dir, String name, Map<String, String> env, List<String> args)
            throws IOException {
        Path argFile = dir.resolve("java.args");
        if (!Files.exists(argFile)) {
            // written whole, then moved in: a JVM starting meanwhile (several agents, one folder) never reads half
            Path part = Files.writeString(Files.createTempFile(dir, "java", ".args"), "-cp \""
                    + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
            Files.move(part, argFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + argFile, "org.stemloop.cli.Main"));
        cmd.addAll(args);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new AgentProcess(builder.start(), log);
    }

    public Process process() {
        return process;
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (the agent's orderly stop) and waits; true when it exited within {@code seconds}. */
    public boolean stop(int seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** Stops the agent if still running: SIGTERM (its orderly stop), then SIGKILL after 30 s. */
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
