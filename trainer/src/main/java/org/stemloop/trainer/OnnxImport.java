package org.stemloop.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the weights of a model written by {@link OnnxExport} back into an initialised
 * {@link AtomaiUnet}, to continue training from it ({@code --init}). Only models of this exact
 * architecture are accepted: the initializers are matched in the order the export writes them,
 * shape by shape.
 */
final class OnnxImport {

    private OnnxImport() {
    }

    static void load(AtomaiUnet net, Path file) throws IOException {
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = ModelProto.parseFrom(in);
        }
        List<TensorProto> weights = model.getGraph().getInitializerList().stream()
                .filter(t -> !t.getName().startsWith("scales_")).toList();
        List<NDArray> targets = parameters(net);
        if (weights.size() != targets.size()) {
            throw new IllegalArgumentException("%s: %d weight tensors, this network has %d; not an export of this U-Net"
                    .formatted(file, weights.size(), targets.size()));
        }
        for (int i = 0; i < targets.size(); i++) {
            TensorProto t = weights.get(i);
            NDArray target = targets.get(i);
            long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            if (!Arrays.equals(dims, target.getShape().getShape())) {
                throw new IllegalArgumentException("%s: tensor %s has shape %s, expected %s".formatted(file, t.getName(),
                        Arrays.toString(dims), target.getShape()));
            }
            float[] values = new float[(int) target.size()];
            ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            target.set(values);
        }
    }

    /** The parameter arrays in the order {@link OnnxExport} writes them. */
    private static List<NDArray> parameters(AtomaiUnet net) {
        List<NDArray> out = new ArrayList<>();
        stage(out, net.c1());
        stage(out, net.c2());
        stage(out, net.c3());
        stage(out, net.bottleneck());
        conv(out, net.up1().conv());
        stage(out, net.c4());
        conv(out, net.up2().conv());
        stage(out, net.c5());
        conv(out, net.up3().conv());
        stage(out, net.c6());
        conv(out, net.head());
        return out;
    }

    private static void stage(List<NDArray> out, ConvStage s) {
        for (int i = 0; i < s.convs().size(); i++) {
            conv(out, s.convs().get(i));
            AbstractBlock bn = s.norms().get(i);
            for (String p : List.of("gamma", "beta", "runningMean", "runningVar")) {
                out.add(bn.getParameters().get(p).getArray());
            }
        }
    }

    private static void conv(List<NDArray> out, Conv2d c) {
        out.add(c.getParameters().get("weight").getArray());
        out.add(c.getParameters().get("bias").getArray());
    }
}
