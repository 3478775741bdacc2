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

    /** Starts {@code stemloop run runArgs...} in {@code dir}, logging to {@code dir/NAME.log}. */
    public static AgentProcess run(Path dir, String name, List<String> runArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(runArgs);
        return start(dir, name, args);
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

    /** SIGTERM (the agent's orderly stop, as Ctrl-C) and waits; true when it exited within {@code seconds}. */
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
