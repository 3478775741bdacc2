package org.stemloop.bench;

import java.util.List;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.ParameterSpace;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;

/**
 * LoG* without supervision: the whole-frame Pareto search over a space derived from the
 * lattice, then the recommended option (the knee), as the agent uses it before a human chooses.
 */
public record LogStarFinder(SearchSettings settings) implements AtomFinder {

    public static final String METHOD = "log*";

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public List<Point> find(Frame frame, Material material, RewardContext context) {
        ParameterSpace space = ParameterSpace.forSpacing(context.nearestNeighbourPx());
        return Point.ofBlobs(LogStarSearch.run(frame, context, space, Rewards.paper(), settings, SearchListener.NONE)
                .recommendedAtoms());
    }
}
