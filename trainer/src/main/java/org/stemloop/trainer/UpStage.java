package org.stemloop.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * AtomAI's {@code UpsampleBlock}: bilinear x2 upsampling, then a 1x1 convolution to the new
 * channel count.
 *
 * <p>The upsampling is written with slices rather than an engine's interpolate call, so that it
 * trains on any DJL engine and equals PyTorch's {@code interpolate(scale_factor=2,
 * mode="bilinear", align_corners=False)} and ONNX's {@code Resize} (linear, half_pixel): output
 * pixel 2i takes 0.75 x[i] + 0.25 x[i-1], pixel 2i+1 takes 0.75 x[i] + 0.25 x[i+1], with the
 * edge pixel repeated beyond the border.
 */
final class UpStage extends AbstractBlock {

    private final Conv2d conv;

    UpStage(int filters) {
        conv = addChildBlock("conv", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build());
    }

    Conv2d conv() {
        return conv;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray up = upsample(upsample(inputs.singletonOrThrow(), 2), 3);
        return conv.forward(store, new NDList(up), training);
    }

    /** Bilinear x2 along one axis of an NCHW array (2 = rows, 3 = columns). */
    static NDArray upsample(NDArray x, int axis) {
        long n = x.getShape().get(axis);
        NDArray first = x.get(slice(axis, 0, 1));
        NDArray last = x.get(slice(axis, n - 1, n));
        NDArray previous = n > 1 ? first.concat(x.get(slice(axis, 0, n - 1)), axis) : first;
        NDArray next = n > 1 ? x.get(slice(axis, 1, n)).concat(last, axis) : last;
        NDArray centre = x.mul(0.75f);
        NDArray even = centre.add(previous.mul(0.25f));
        NDArray odd = centre.add(next.mul(0.25f));
        Shape s = x.getShape();
        long[] dims = s.getShape().clone();
        dims[axis] = 2 * n;
        return NDArrays.stack(new NDList(even, odd), axis + 1).reshape(new Shape(dims));
    }

    private static NDIndex slice(int axis, long from, long to) {
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i < axis; i++) {
            spec.append(":,");
        }
        spec.append(from).append(':').append(to);
        return new NDIndex(spec.toString());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return conv.getOutputShapes(new Shape[] {new Shape(s.get(0), s.get(1), 2 * s.get(2), 2 * s.get(3))});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        conv.initialize(manager, dataType, new Shape(s.get(0), s.get(1), 2 * s.get(2), 2 * s.get(3)));
    }
}
