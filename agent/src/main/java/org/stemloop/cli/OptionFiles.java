package org.stemloop.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;
import org.stemloop.optimize.ChosenOption;
import org.stemloop.optimize.OptionExplanation;
import org.stemloop.optimize.OptionPicture;
import org.stemloop.optimize.OptionSelection;
import org.stemloop.reward.RewardContext;

/**
 * {@code analyze}'s {@code option-<id>.png}: each option explained on the frame against the
 * recommended one, the reading that {@code detections.json} holds (see {@link OptionPicture}).
 */
final class OptionFiles {

    private OptionFiles() {
    }

    /** The file name of an option's picture. */
    static String name(int id) {
        return "option-" + id + ".png";
    }

    /** The explanation of option {@code id} against the recommended option. */
    static OptionExplanation explain(OptionSelection choices, int id, RewardContext context, int height, int width) {
        List<Blob> inUse = choices.recommended().atoms();
        return OptionExplanation.of(choices.options().get(id).atoms(), inUse, context, height, width);
    }

    static void write(Frame frame, OptionSelection choices, RewardContext context, Path out) throws IOException {
        for (int i = 0; i < choices.options().size(); i++) {
            ChosenOption o = choices.options().get(i);
            String title = String.format(Locale.ROOT, "option %d%s: %s  QC %.4f ER %.4f", i,
                    i == choices.recommendedIndex() ? " (recommended)" : " vs " + choices.recommendedIndex(), o.label(),
                    o.candidate().reward(0), o.candidate().reward(o.candidate().rewards().length - 1));
            OptionPicture.write(frame, o.atoms(), explain(choices, i, context, frame.height(), frame.width()), title,
                    out.resolve(name(i)));
        }
    }
}
