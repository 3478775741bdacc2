package org.stemloop.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The U-Net of AtomAI ({@code atomai.nets.Unet}, Ziatdinov et al., "AtomAI framework for deep
 * learning analysis of image and spectroscopy data", Nat. Mach. Intell. 4, 1101 (2022)) as used
 * by Barakati et al. 2024 for the DCNN baseline: {@code nb_filters = 16}, {@code layers = [1, 2,
 * 2, 3]}, one class.
 *
 * <pre>
 *  input 1 x H x W
 *  c1 (1 conv, 16) -&gt; pool -&gt; c2 (2 convs, 32) -&gt; pool -&gt; c3 (2 convs, 64) -&gt; pool
 *  bottleneck (3 convs, 128)
 *  up (x2, 1x1 to 64) ++ c3 -&gt; c4 (2 convs, 64)
 *  up (x2, 1x1 to 32) ++ c2 -&gt; c5 (2 convs, 32)
 *  up (x2, 1x1 to 16) ++ c1 -&gt; c6 (1 conv, 16)
 *  1x1 conv to 1 channel: logits (the ONNX export adds the sigmoid)
 * </pre>
 *
 * Each conv is 3x3 with padding 1, then LeakyReLU(0.01), then batch norm ({@link ConvStage});
 * pooling is 2x2 max, so H and W must be multiples of 8. Skips are concatenated as
 * {@code cat([encoder, upsampled])}, as AtomAI does. About 0.58 M parameters (2.3 MB float32).
 *
 * @apiNote Cost: ~33 k multiply-adds per pixel, so ~8.7 G for a 512 x 512 frame.
 */
final class AtomaiUnet extends AbstractBlock {

    /** Base filter count, doubled per level. */
    static final int FILTERS = 16;

    private final ConvStage c1 = addChildBlock("c1", new ConvStage(1, FILTERS));
    private final ConvStage c2 = addChildBlock("c2", new ConvStage(2, 2 * FILTERS));
    private final ConvStage c3 = addChildBlock("c3", new ConvStage(2, 4 * FILTERS));
    private final ConvStage bottleneck = addChildBlock("bn", new ConvStage(3, 8 * FILTERS));
    private final UpStage up1 = addChildBlock("up1", new UpStage(4 * FILTERS));
    private final ConvStage c4 = addChildBlock("c4", new ConvStage(2, 4 * FILTERS));
    private final UpStage up2 = addChildBlock("up2", new UpStage(2 * FILTERS));
    private final ConvStage c5 = addChildBlock("c5", new ConvStage(2, 2 * FILTERS));
    private final UpStage up3 = addChildBlock("up3", new UpStage(FILTERS));
    private final ConvStage c6 = addChildBlock("c6", new ConvStage(1, FILTERS));
    private final Conv2d head = addChildBlock("px", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());

    AtomaiUnet() {
        super((byte) 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        NDArray x = inputs.singletonOrThrow();
        NDArray e1 = run(c1, ps, x, training);
        NDArray e2 = run(c2, ps, pool(e1), training);
        NDArray e3 = run(c3, ps, pool(e2), training);
        NDArray b = run(bottleneck, ps, pool(e3), training);
        NDArray d3 = run(c4, ps, e3.concat(run(up1, ps, b, training), 1), training);
        NDArray d2 = run(c5, ps, e2.concat(run(up2, ps, d3, training), 1), training);
        NDArray d1 = run(c6, ps, e1.concat(run(up3, ps, d2, training), 1), training);
        return head.forward(ps, new NDList(d1), training);
    }

    private static NDArray run(AbstractBlock block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    private static NDArray pool(NDArray x) {
        return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[] {new Shape(s.get(0), 1, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        c1.initialize(manager, type, new Shape(n, 1, h, w));
        c2.initialize(manager, type, new Shape(n, FILTERS, h / 2, w / 2));
        c3.initialize(manager, type, new Shape(n, 2 * FILTERS, h / 4, w / 4));
        bottleneck.initialize(manager, type, new Shape(n, 4 * FILTERS, h / 8, w / 8));
        up1.initialize(manager, type, new Shape(n, 8 * FILTERS, h / 8, w / 8));
        c4.initialize(manager, type, new Shape(n, 8 * FILTERS, h / 4, w / 4));
        up2.initialize(manager, type, new Shape(n, 4 * FILTERS, h / 4, w / 4));
        c5.initialize(manager, type, new Shape(n, 4 * FILTERS, h / 2, w / 2));
        up3.initialize(manager, type, new Shape(n, 2 * FILTERS, h / 2, w / 2));
        c6.initialize(manager, type, new Shape(n, 2 * FILTERS, h, w));
        head.initialize(manager, type, new Shape(n, FILTERS, h, w));
    }

    // The export walks the same structure as forwardInternal.
    ConvStage c1() { return c1; }
    ConvStage c2() { return c2; }
    ConvStage c3() { return c3; }
    ConvStage bottleneck() { return bottleneck; }
    UpStage up1() { return up1; }
    ConvStage c4() { return c4; }
    UpStage up2() { return up2; }
    ConvStage c5() { return c5; }
    UpStage up3() { return up3; }
    ConvStage c6() { return c6; }
    Conv2d head() { return head; }
}
