package org.stemloop.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.unet.UnetDetector;

/**
 * The shipped U-Net of each material (the paper's DCNN baseline), through ONNX Runtime. Models are
 * loaded on first use and kept until {@link #close()}.
 */
public final class UnetFinder implements AtomFinder, AutoCloseable {

    public static final String METHOD = "unet";

    private final Map<Material, UnetDetector> models = new EnumMap<>(Material.class);

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public synchronized List<Point> find(Frame frame, Material material, RewardContext context) {
        UnetDetector unet = models.computeIfAbsent(material, m -> UnetDetector.load(m.id()));
        return unet.detect(frame).atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
    }

    @Override
    public synchronized void close() {
        models.values().forEach(UnetDetector::close);
        models.clear();
    }
}
