package org.stemloop.agent;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;
import org.stemloop.reward.CrystalMask;

/**
 * A frame whose detections went out, for the steps that follow the analysis ({@link LoopVerticle}); published
 * on {@link org.stemloop.mqtt.Addresses#ANALYSED}, local to this process (never serialised).
 *
 * @param runId   the run
 * @param frameId the frame
 * @param frame   its pixels (and pixel size when known)
 * @param atoms   its atoms as published
 * @param classes the class of each atom, or {@code null} when the frame was not classified
 * @param kind    the lattice and size the atoms were found for, or {@code null} when none was known
 * @param mask    the crystal mask LoG* kept the atoms on (the drift reference's, or this frame's), or {@code null}
 *                when it used none: the points of interest judge edges by it ({@link LoopPlan})
 */
record AnalysedFrame(String runId, String frameId, Frame frame, List<Blob> atoms, int[] classes, FrameKind kind,
                     CrystalMask mask) {

    AnalysedFrame {
        atoms = List.copyOf(atoms);
    }

    /** Lets the event bus carry this record within the process; once per Vert.x instance, later calls do nothing. */
    static synchronized void registerCodec(Vertx vertx) {
        try {
            vertx.eventBus().registerDefaultCodec(AnalysedFrame.class, new LocalCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // another agent in this Vert.x instance registered it: the same codec serves both
        }
    }

    /** Passes the object by reference; refuses to go over the wire. */
    private static final class LocalCodec implements MessageCodec<AnalysedFrame, AnalysedFrame> {
        @Override
        public void encodeToWire(Buffer buffer, AnalysedFrame s) {
            throw new UnsupportedOperationException("AnalysedFrame stays in this process");
        }

        @Override
        public AnalysedFrame decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("AnalysedFrame stays in this process");
        }

        @Override
        public AnalysedFrame transform(AnalysedFrame s) {
            return s;
        }

        @Override
        public String name() {
            return "stemloop-analysed-frame";
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
