package org.stemloop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.stemloop.image.ImageFormatException;
import org.stemloop.image.ImageSeries;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.twin.ReplayTwin;
import org.stemloop.reward.Material;

/** {@code simulate --mqtt URL --replay PATH}: a recorded stack or folder played to the broker as live frames. */
final class ReplayRun {

    private ReplayRun() {
    }

    static int run(Path path, String material, double rate, long frames, boolean loop, BrokerSettings broker,
            PrintWriter out, PrintWriter err) throws ImageFormatException, InterruptedException {
        if (frames < 0) {
            throw new IllegalArgumentException("--frames must not be negative: " + frames);
        }
        String materialId = material == null ? null : Material.parse(material).id();
        ImageSeries series = ImageSeries.open(path);
        try (ReplayTwin replay = ReplayTwin.start(broker, series, materialId, rate, frames, loop, notice -> {
            err.println(notice);
            err.flush();
        })) {
            out.printf("stemloop replay: %d frames of %s, %s frames/s -> %s%s%n", series.size(), path, rate,
                    broker.topics().frames(), loop ? ", looping" : "");
            out.println(frames == 0 && loop ? "  Ctrl-C stops" : "  stops after " + (frames == 0 ? series.size() : frames) + " frames");
            out.flush();
            while (!replay.awaitDone(1_000)) {
                // until the series (or --frames) is out, or Ctrl-C ends the JVM
            }
            out.printf("stemloop replay: published %d frames%n", replay.published());
            out.flush();
        } catch (MqttException e) {
            throw new UncheckedIOException("Cannot reach MQTT broker %s: %s".formatted(broker.url(),
                    broker.explainConnectFailure(e)), new IOException(e));
        }
        return 0;
    }
}
