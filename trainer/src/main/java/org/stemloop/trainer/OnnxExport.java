package org.stemloop.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a trained {@link AtomaiUnet} as an ONNX model, node by node, from its weights.
 *
 * <p>DJL cannot export ONNX, and a TorchScript detour would need Python; so the graph is written
 * here with ONNX's own protobuf schema (the generated {@code ai.onnx.proto.OnnxMl} classes that
 * ship in {@code org.tribuo:tribuo-util-onnx}). Operators, all from the default domain at
 * {@value #OPSET}: Conv, LeakyRelu, BatchNormalization (running statistics: inference mode),
 * MaxPool, Resize (linear, half_pixel: PyTorch's bilinear with {@code align_corners=False}),
 * Concat, Sigmoid.
 *
 * <p>The convention every stemloop U-Net follows, shipped or user-supplied: one input
 * {@code image} of shape {@code [N, 1, H, W]} float32 (H, W multiples of 8, the frame min-max
 * normalised to [0, 1]), one output {@code probability} of the same shape, the sigmoid already
 * applied.
 */
final class OnnxExport {

    /** ONNX operator set the graph is written for. */
    static final int OPSET = 13;
    static final String INPUT = "image";
    static final String OUTPUT = "probability";

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("atomai_unet");
    private int counter;

    private OnnxExport() {
    }

    /**
     * Writes {@code net} to {@code file}; {@code metadata} goes into the model's metadata_props
     * (material, seed, epochs: what a model card says).
     */
    static void write(AtomaiUnet net, Map<String, String> metadata, Path file) throws IOException {
        ModelProto model = build(net, metadata);
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
    }

    static ModelProto build(AtomaiUnet net, Map<String, String> metadata) {
        OnnxExport e = new OnnxExport();
        e.graph.addInput(valueInfo(INPUT));
        e.graph.addOutput(valueInfo(OUTPUT));
        String e1 = e.stage(net.c1(), INPUT);
        String e2 = e.stage(net.c2(), e.maxPool(e1));
        String e3 = e.stage(net.c3(), e.maxPool(e2));
        String b = e.stage(net.bottleneck(), e.maxPool(e3));
        String d3 = e.stage(net.c4(), e.concat(e3, e.up(net.up1(), b)));
        String d2 = e.stage(net.c5(), e.concat(e2, e.up(net.up2(), d3)));
        String d1 = e.stage(net.c6(), e.concat(e1, e.up(net.up3(), d2)));
        String logits = e.conv(net.head(), d1, 0);
        e.graph.addNode(node("Sigmoid", "sigmoid").addInput(logits).addOutput(OUTPUT));
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("stemloop-trainer")
                .setDomain("org.stemloop")
                .setModelVersion(1)
                .setDocString("AtomAI-style U-Net (nb_filters 16, layers [1, 2, 2, 3]); input [N,1,H,W] float32 "
                        + "min-max normalised, H and W multiples of 8; output sigmoid probabilities [N,1,H,W]")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(e.graph);
        metadata.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    private String stage(ConvStage stage, String input) {
        String x = input;
        for (int i = 0; i < stage.convs().size(); i++) {
            x = conv(stage.convs().get(i), x, 1);
            String act = name("leaky");
            graph.addNode(node("LeakyRelu", act).addInput(x).addOutput(act)
                    .addAttribute(floatAttr("alpha", ConvStage.LEAKY_SLOPE)));
            x = batchNorm(stage.norms().get(i), act);
        }
        return x;
    }

    private String conv(Conv2d conv, String input, int pad) {
        String w = initializer("W", param(conv, "weight"));
        String b = initializer("B", param(conv, "bias"));
        long k = param(conv, "weight").getShape().get(2);
        String out = name("conv");
        graph.addNode(node("Conv", out).addInput(input).addInput(w).addInput(b).addOutput(out)
                .addAttribute(intsAttr("kernel_shape", k, k))
                .addAttribute(intsAttr("pads", pad, pad, pad, pad))
                .addAttribute(intsAttr("strides", 1, 1)));
        return out;
    }

    private String batchNorm(BatchNorm bn, String input) {
        String out = name("bn");
        graph.addNode(node("BatchNormalization", out).addInput(input)
                .addInput(initializer("gamma", param(bn, "gamma")))
                .addInput(initializer("beta", param(bn, "beta")))
                .addInput(initializer("mean", param(bn, "runningMean")))
                .addInput(initializer("var", param(bn, "runningVar")))
                .addOutput(out)
                .addAttribute(floatAttr("epsilon", ConvStage.BN_EPSILON)));
        return out;
    }

    private String maxPool(String input) {
        String out = name("pool");
        graph.addNode(node("MaxPool", out).addInput(input).addOutput(out)
                .addAttribute(intsAttr("kernel_shape", 2, 2)).addAttribute(intsAttr("strides", 2, 2)));
        return out;
    }

    private String up(UpStage stage, String input) {
        String scales = name("scales");
        graph.addInitializer(floats(scales, new long[] {4}, new float[] {1, 1, 2, 2}));
        String out = name("resize");
        graph.addNode(node("Resize", out).addInput(input).addInput("").addInput(scales).addOutput(out)
                .addAttribute(stringAttr("mode", "linear"))
                .addAttribute(stringAttr("coordinate_transformation_mode", "half_pixel")));
        return conv(stage.conv(), out, 0);
    }

    private String concat(String encoder, String upsampled) {
        String out = name("concat");
        graph.addNode(node("Concat", out).addInput(encoder).addInput(upsampled).addOutput(out)
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1)));
        return out;
    }

    private String initializer(String kind, NDArray array) {
        String n = name(kind);
        graph.addInitializer(floats(n, array.getShape().getShape(), array.toFloatArray()));
        return n;
    }

    private String name(String kind) {
        return kind + "_" + counter++;
    }

    private static NDArray param(AbstractBlock block, String name) {
        return block.getParameters().get(name).getArray();
    }

    private static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ValueInfoProto valueInfo(String name) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("H"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("W"));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static NodeProto.Builder node(String op, String name) {
        return NodeProto.newBuilder().setOpType(op).setName(name);
    }

    private static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    private static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    private static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
