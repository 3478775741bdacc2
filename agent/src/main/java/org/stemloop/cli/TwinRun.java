package org.stemloop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.Topics;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.twin.DigitalTwin;

/** {@code simulate --mqtt URL}: the digital twin publishes until its frames are out or Ctrl-C. */
final class TwinRun {

    private TwinRun() {
    }

    static int run(SimulationSpec spec, double rate, long frames, BrokerSettings broker, PrintWriter o)
            throws InterruptedException {
        if (frames < 0) {
            throw new IllegalArgumentException("--frames must not be negative: " + frames);
        }
        Topics topics = broker.topics();
        try (DigitalTwin twin = DigitalTwin.start(broker, spec, rate, frames)) {
            o.printf("stemloop twin: %s %d x %d px at %s Å/px, noise %s, %s frames/s -> %s (truth on %s; "
                            + "{\"size\", \"rate\"} on %s)%n", spec.material().id(), spec.height(), spec.width(),
                    spec.pixelSizeAngstrom(), spec.noise().level(), rate, topics.frames(), topics.truth(), topics.twin());
            o.println(frames == 0 ? "  Ctrl-C stops" : "  stops after " + frames + " frames");
            o.flush();
            Thread stopper = new Thread(() -> {
                o.printf("stemloop twin: published %d frames%n", twin.published());
                o.flush();
            });
            Runtime.getRuntime().addShutdownHook(stopper);
            while (!twin.awaitDone(1_000)) {
                // frames == 0: until Ctrl-C ends the JVM
            }
            Runtime.getRuntime().removeShutdownHook(stopper);
            o.printf("stemloop twin: published %d frames%n", twin.published());
            o.flush();
        } catch (MqttException e) {
            throw new UncheckedIOException("Cannot reach MQTT broker %s: %s".formatted(broker.url(),
                    broker.explainConnectFailure(e)), new IOException(e));
        }
        return 0;
    }
}
