package org.stemloop.store;

import java.util.Objects;
import org.stemloop.detect.LogParams;

/**
 * One detection row as stored, for answering its frame again.
 *
 * @param method      {@code log*} or {@code unet}
 * @param model       the U-Net model's name, or {@code null} for LoG*
 * @param paramSource where LoG's parameters came from, or {@code null} for the U-Net
 * @param params      LoG's parameters, or {@code null} for the U-Net
 * @param option      the Pareto option the parameters are, or {@code null}
 * @param atomsJson   the atoms as stored, JSON {@code [[row, col, sigma], ...]} (the U-Net's rows as it wrote them)
 * @param qc          quantity reward, {@code NaN} when not computed
 * @param er          crowding reward, {@code NaN} when not computed
 */
public record StoredDetection(String method, String model, String paramSource, LogParams params, Integer option,
                              String atomsJson, double qc, double er) {

    public StoredDetection {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(atomsJson, "atomsJson");
        if ((params == null) != (paramSource == null)) {
            throw new IllegalArgumentException("LoG parameters and their source come together: " + params + ", "
                    + paramSource);
        }
    }
}
