package org.stemloop.unet;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.stemloop.image.Frame;

/**
 * One U-Net in ONNX Runtime: frame in, atom-probability heatmap out.
 *
 * <p>The convention a model must follow (the shipped ones do; see docs/unet.md for exporting one
 * from AtomAI or PyTorch): one float32 input of rank 4, {@code [N, 1, H, W]}, with H and W free
 * (any multiple of 8); one float32 output of the same shape holding probabilities (the sigmoid
 * applied inside the model). The frame is min-max normalised and reflection-padded to multiples
 * of 8 here ({@link UnetInput}); the heatmap is cropped back to the frame.
 *
 * <p>Thread-safe: ONNX Runtime sessions may run concurrently. Close it to free the native session;
 * {@link #close} waits for the inferences in flight, and a run after it fails with a message: a
 * session freed under a running inference crashes the JVM (seen once at a SIGTERM of {@code demo}).
 *
 * @apiNote Cost: ~8.7 G multiply-adds for a 512 x 512 frame with the AtomAI network; see
 *          docs/unet.md for measured times.
 */
public final class OnnxSegmenter implements AutoCloseable {

    private final String name;
    private final OrtSession session;
    private final String input;
    private final ExecutionProvider provider;
    /** Runs share the read side; close takes the write side, so it never frees a session in use. */
    private final ReadWriteLock inUse = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxSegmenter(String name, OrtSession session, String input, ExecutionProvider provider) {
        this.name = name;
        this.session = session;
        this.input = input;
        this.provider = provider;
    }

    /**
     * Loads and checks a model.
     *
     * @param name  what to call it in messages (a file name, "graphene")
     * @param bytes the ONNX model
     * @throws UnetModelException when the bytes are not ONNX or the model breaks the convention
     */
    public static OnnxSegmenter load(String name, byte[] bytes) {
        OrtSession session = null;
        try {
            ExecutionProvider provider = ExecutionProvider.CUDA;
            try {
                session = createSession(bytes, true);
            } catch (OrtException e) {
                // a CUDA session that would not start (no driver, no device): the CPU serves; a
                // model that is broken fails again just below, with the CPU's message
                session = null;
            }
            if (session == null) {
                provider = ExecutionProvider.CPU;
                session = createSession(bytes, false);
            }
            String in = checkConvention(name, session);
            return new OnnxSegmenter(name, session, in, provider);
        } catch (OrtException e) {
            closeSession(session);
            throw new UnetModelException("Model " + name + ": not a loadable ONNX model (" + firstLine(e.getMessage()) + ")", e);
        } catch (UnetModelException e) {
            closeSession(session);
            throw e;
        }
    }

    /** A session on CUDA ({@code cuda}, null when this package has no CUDA) or on the CPU. */
    private static OrtSession createSession(byte[] bytes, boolean cuda) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (cuda && !ExecutionProvider.addCuda(options)) {
                return null;
            }
            return OrtEnvironment.getEnvironment().createSession(bytes, options);
        }
    }

    private static String checkConvention(String name, OrtSession session) throws OrtException {
        if (session.getNumInputs() != 1 || session.getNumOutputs() != 1) {
            throw new UnetModelException("Model %s: needs exactly 1 input and 1 output, has %d and %d".formatted(name,
                    session.getNumInputs(), session.getNumOutputs()));
        }
        NodeInfo in = session.getInputInfo().values().iterator().next();
        NodeInfo out = session.getOutputInfo().values().iterator().next();
        checkTensor(name, "input", in);
        checkTensor(name, "output", out);
        return in.getName();
    }

    private static void checkTensor(String name, String role, NodeInfo node) {
        if (!(node.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new UnetModelException("Model %s: %s '%s' must be a float32 tensor, is %s".formatted(name, role,
                    node.getName(), node.getInfo()));
        }
        long[] shape = t.getShape();
        if (shape.length != 4 || (shape[1] != 1 && shape[1] != -1)) {
            throw new UnetModelException("Model %s: %s '%s' must be [N, 1, H, W] (one channel), is %s".formatted(name,
                    role, node.getName(), java.util.Arrays.toString(shape)));
        }
    }

    /** The model's name as given to {@link #load}. */
    public String name() {
        return name;
    }

    /** The provider ONNX Runtime runs this model on. */
    public ExecutionProvider provider() {
        return provider;
    }

    /** The atom probability of every pixel of {@code frame}, min-max normalised. */
    public Heatmap heatmap(Frame frame) {
        return heatmap(frame, UnetInput.Normalisation.MIN_MAX);
    }

    /** The atom probability of every pixel of {@code frame}, normalised as the model was trained. */
    public Heatmap heatmap(Frame frame, UnetInput.Normalisation normalisation) {
        int h = frame.height();
        int w = frame.width();
        int ph = UnetInput.padded(h);
        int pw = UnetInput.padded(w);
        float[] x = UnetInput.reflectPad(UnetInput.normalised(frame.pixels(), normalisation), h, w, ph, pw);
        return new Heatmap(h, w, UnetInput.crop(run(x, ph, pw), pw, h, w));
    }

    /**
     * The raw network on an already normalised image whose sides are multiples of 8.
     *
     * @return the output, row-major {@code height x width}
     */
    public float[] run(float[] image, int height, int width) {
        if (height % UnetInput.MULTIPLE != 0 || width % UnetInput.MULTIPLE != 0 || image.length != height * width) {
            throw new IllegalArgumentException("U-Net input must be H x W floats with H, W multiples of 8: %d values for %d x %d"
                    .formatted(image.length, height, width));
        }
        inUse.readLock().lock();
        try {
            if (closed) {
                throw new UnetModelException("Model %s: closed (the agent is stopping); no inference".formatted(name));
            }
            return runOpen(image, height, width);
        } finally {
            inUse.readLock().unlock();
        }
    }

    private float[] runOpen(float[] image, int height, int width) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, 1, height, width});
                OrtSession.Result result = session.run(Map.of(input, t))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] shape = out.getInfo().getShape();
            if (shape.length != 4 || shape[2] != height || shape[3] != width || shape[0] * shape[1] != 1) {
                throw new UnetModelException("Model %s: output shape %s for input [1, 1, %d, %d]; expected the same shape"
                        .formatted(name, java.util.Arrays.toString(shape), height, width));
            }
            FloatBuffer buffer = out.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        } catch (OrtException e) {
            throw new UnetModelException("Model %s: inference failed on a %d x %d input (%s)".formatted(name, height, width,
                    firstLine(e.getMessage())), e);
        }
    }

    @Override
    public void close() {
        inUse.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeSession(session);
            }
        } finally {
            inUse.writeLock().unlock();
        }
    }

    private static void closeSession(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("Closing an ONNX Runtime session failed: " + e.getMessage(), e);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
