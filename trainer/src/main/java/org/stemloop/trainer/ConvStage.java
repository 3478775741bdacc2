package org.stemloop.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * AtomAI's {@code ConvBlock}: {@code layers} times a 3x3 convolution (padding 1), LeakyReLU(0.01),
 * then batch normalisation. The normalisation comes after the activation, as in AtomAI, which is
 * why it cannot be folded into the convolution at export time.
 */
final class ConvStage extends AbstractBlock {

    static final float LEAKY_SLOPE = 0.01f;
    static final float BN_EPSILON = 1e-5f;

    private final List<Conv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();

    ConvStage(int layers, int filters) {
        for (int i = 0; i < layers; i++) {
            convs.add(addChildBlock("conv" + i, Conv2d.builder().setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1)).setFilters(filters).build()));
            norms.add(addChildBlock("bn" + i, BatchNorm.builder().optEpsilon(BN_EPSILON).build()));
        }
    }

    List<Conv2d> convs() {
        return List.copyOf(convs);
    }

    List<BatchNorm> norms() {
        return List.copyOf(norms);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList x = inputs;
        for (int i = 0; i < convs.size(); i++) {
            x = convs.get(i).forward(store, x, training);
            NDArray activated = Activation.leakyRelu(x.singletonOrThrow(), LEAKY_SLOPE);
            x = norms.get(i).forward(store, new NDList(activated), training);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] shapes = inputs;
        for (Conv2d conv : convs) {
            shapes = conv.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (int i = 0; i < convs.size(); i++) {
            convs.get(i).initialize(manager, dataType, shapes);
            shapes = convs.get(i).getOutputShapes(shapes);
            norms.get(i).initialize(manager, dataType, shapes);
        }
    }
}
