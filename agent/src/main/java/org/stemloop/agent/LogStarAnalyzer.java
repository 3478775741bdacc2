package org.stemloop.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.image.Frame;
import org.stemloop.optimize.Candidate;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.ChosenOption;
import org.stemloop.optimize.OptionSelection;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SlidingWindows;
import org.stemloop.reward.AtomPositions;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;

/**
 * LoG* in the agent: the fast path (LoG with the current parameters, then QC and ER) on most
 * frames, and the multi-objective search ({@link LogStarSearch}, or {@link SlidingWindows}) when
 *
 * <ol>
 *   <li>there are no tuned parameters yet ({@code no-parameters}),</li>
 *   <li>an operator asked for it or changed the lattice ({@code reoptimize}),</li>
 *   <li>the frame's material, size or pixel size differ from those the parameters were tuned for
 *       ({@code frame-changed}), or</li>
 *   <li>the fast path's QC or ER moved more than the tolerance from the first frame that used the
 *       parameters ({@code drift}).</li>
 * </ol>
 *
 * <p>The frame is scaled to [0, 1] before LoG, as in the search, so a threshold means the same on
 * every frame. Without a lattice (no material or pixel size, and no lattice in the power spectrum)
 * the rewards are unknown and the current parameters serve without optimisation.
 *
 * <p>Which parameters serve the optimised frame follows {@link RunState#recommendationServes}; the
 * detections are always the fast path's with exactly those parameters, so a detection message and
 * the option it names agree.
 *
 * @apiNote Cost: the fast path is one LoG (512², sigma 2-6: median 385 ms measured on 2 shared cores at
 *          load average 7-8) plus ~1 ms of rewards per 1,000 atoms; an optimisation 0.3-1 s at 256² and 1.7-3.2 s at 512²
 *          (docs/optimize.md), during which later frames wait. Thread-safe and stateless: call it
 *          from one worker at a time so each frame sees the state the previous one left.
 */
public final class LogStarAnalyzer implements FrameAnalyzer {

    private static final Rewards REWARDS = Rewards.paper();

    private final OptimiserSettings settings;

    public LogStarAnalyzer(OptimiserSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public FrameAnalysis analyze(Frame frame, String material, RunState state) {
        Frame unit = UnitRange.of(frame);
        Tuning tuning = state.tuning();
        Optional<FrameLattice> lattice = FrameLattice.resolve(frame, material == null ? state.material() : material,
                state.pixelSize(), tuning.kind());
        if (lattice.isEmpty()) {
            return fastPath(unit, tuning, null);
        }
        FrameKind kind = new FrameKind(lattice.get(), frame.height(), frame.width());
        String trigger = settings.enabled() ? trigger(state, kind) : null;
        FrameAnalysis fast = null;
        if (trigger == null) {
            fast = fastPath(unit, tuning, kind);
            if (!settings.enabled() || !tuning.drifted(fast.qc(), fast.er(), settings.driftTolerance())) {
                return fast;
            }
            trigger = "drift";
        }
        FrameAnalysis.Optimisation optimisation = optimise(unit, kind, trigger);
        if (!state.recommendationServes(trigger)) {
            return with(fast, optimisation);
        }
        ParetoOption best = optimisation.options().get(optimisation.recommended());
        return with(analyse(unit, best.params(), Tuning.OPTIMISER, best.id(), kind), optimisation);
    }

    /** Why this frame must be optimised, or {@code null} when the current parameters serve. */
    private static String trigger(RunState state, FrameKind kind) {
        if (state.tuning().kind() == null) {
            return "no-parameters";
        }
        if (state.reoptimize() != null) {
            return "reoptimize";
        }
        return kind.sameAs(state.tuning().kind()) ? null : "frame-changed";
    }

    private FrameAnalysis fastPath(Frame unit, Tuning tuning, FrameKind kind) {
        return analyse(unit, tuning.params(), tuning.source(), tuning.option(), kind);
    }

    private static FrameAnalysis analyse(Frame unit, LogParams params, String source, Integer option, FrameKind kind) {
        List<Blob> atoms = LogBlobDetector.detect(unit, params);
        double qc = Double.NaN;
        double er = Double.NaN;
        if (kind != null) {
            double[] r = REWARDS.evaluate(AtomPositions.ofBlobs(atoms), context(kind));
            qc = r[0];
            er = r[1];
        }
        return new FrameAnalysis("log*", params, source, option, atoms, qc, er, null);
    }

    private FrameAnalysis.Optimisation optimise(Frame unit, FrameKind kind, String trigger) {
        long start = System.nanoTime();
        SearchResult result = settings.window() == 0
                ? LogStarSearch.run(unit, context(kind), settings.search(), SearchListener.NONE)
                : SlidingWindows.run(unit, settings.window(), kind.lattice()::context, REWARDS, settings.search(),
                        SearchListener.NONE).wholeFrame();
        // the same selection as analyze: distinct readings, at most a handful, labelled
        OptionSelection choices = OptionSelection.of(result, context(kind).nearestNeighbourPx());
        List<ParetoOption> options = new ArrayList<>();
        for (int i = 0; i < choices.options().size(); i++) {
            ChosenOption o = choices.options().get(i);
            Candidate c = o.candidate();
            options.add(new ParetoOption(i, c.params(), c.reward(0), c.reward(1), c.atomCount(), o.label()));
        }
        return new FrameAnalysis.Optimisation(trigger, kind, options, choices.recommendedIndex(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static RewardContext context(FrameKind kind) {
        return kind.lattice().context(kind.height(), kind.width());
    }

    private static FrameAnalysis with(FrameAnalysis a, FrameAnalysis.Optimisation optimisation) {
        return new FrameAnalysis(a.method(), a.params(), a.paramSource(), a.option(), a.atoms(), a.qc(), a.er(),
                optimisation);
    }
}
