package org.stemloop.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stemloop.detect.Blob;
import org.stemloop.detect.Contrast;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.detect.Refinement;
import org.stemloop.image.Frame;
import org.stemloop.optimize.Candidate;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.ChosenOption;
import org.stemloop.optimize.CrystalAtoms;
import org.stemloop.optimize.FramePreparation;
import org.stemloop.optimize.OptionSelection;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SlidingWindows;
import org.stemloop.reward.AtomPositions;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.MaskMode;
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
 * <p>Real frames (issue 15), with {@link MaskMode#AUTO}: the crystal mask ({@link CrystalAtoms#mask}, the
 * same path as {@code analyze}) is <em>kept with the drift reference</em>. It is found on the frame that sets
 * the reference rewards (the first frame analysed with new parameters, or the frame optimised), saved in
 * {@link Tuning#referenceMask()} by {@link RunState#afterFrame}, and the fast path counts atoms and
 * rewards on it until the reference is set again; an optimisation (drift, frame changed, reoptimize)
 * finds it again on its frame, and searches on it as {@code analyze} does. So QC and ER of every frame are
 * compared with a reference counted on the same area (a mask found anew on each frame would move QC by
 * itself and trigger drift), and a hole that moves or grows shows as drift, then a new mask. Detections
 * off the mask are dropped; the rest are refined ({@link Refinement}) after the rewards, which score the
 * LoG maxima exactly as the search does. Without a lattice neither can be sized: LoG maxima, no mask.
 *
 * @apiNote Cost: the fast path is one LoG (512², sigma 2-6: median 385 ms measured on 2 shared cores at
 *          load average 7-8) plus ~1 ms of rewards per 1,000 atoms; an optimisation 0.3-1 s at 256² and 1.7-3.2 s at 512²
 *          (docs/optimize.md), during which later frames wait. Thread-safe and stateless: call it
 *          from one worker at a time so each frame sees the state the previous one left.
 */
public final class LogStarAnalyzer implements FrameAnalyzer {

    private static final Rewards REWARDS = Rewards.paper();

    private final OptimiserSettings settings;
    private final MaskMode maskMode;
    private final Refinement refinement;
    private final FramePreparation preparation;

    /** Frames as sent: bright atoms, the pixel size as told (the plain constructors, and tests of them). */
    private static final FramePreparation AS_SENT = new FramePreparation(Contrast.BRIGHT, false);

    /** Plain LoG*: no crystal mask, LoG maxima as positions (what tests comparing with blob_log use). */
    public LogStarAnalyzer(OptimiserSettings settings) {
        this(settings, MaskMode.NONE, Refinement.NONE);
    }

    /** As below, frames read as sent: atoms bright, the pixel size as told. */
    public LogStarAnalyzer(OptimiserSettings settings, MaskMode maskMode, Refinement refinement) {
        this(settings, maskMode, refinement, AS_SENT);
    }

    /**
     * LoG* on real frames: each frame read as {@code preparation} says (contrast, pixel calibration: the defaults
     * of {@code run} are auto, lattice); with {@link MaskMode#AUTO} the crystal is found and kept with the drift
     * reference; the reported atoms are refined by {@code refinement} (the defaults of {@code run}: auto, gauss).
     */
    public LogStarAnalyzer(OptimiserSettings settings, MaskMode maskMode, Refinement refinement,
                           FramePreparation preparation) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.maskMode = Objects.requireNonNull(maskMode, "maskMode");
        this.refinement = Objects.requireNonNull(refinement, "refinement");
        this.preparation = Objects.requireNonNull(preparation, "preparation");
    }

    @Override
    public FrameAnalysis analyze(Frame frame, String material, RunState state) {
        // as analyze reads a file: atoms made bright, then the lattice at the pixel size it shows
        FramePreparation.Contrasted shown = preparation.brightAtoms(frame);
        Frame bright = shown.frame();
        Optional<FrameLattice> lattice = FrameLattice.resolve(bright, material == null ? state.material() : material,
                state.pixelSize(), state.tuning().kind(), preparation);
        FrameAnalysis.Reading reading = new FrameAnalysis.Reading(shown.contrast().word(), shown.source(),
                lattice.map(FrameLattice::calibration).orElse(null));
        return analyze(bright, lattice, state).withReading(reading);
    }

    private FrameAnalysis analyze(Frame frame, Optional<FrameLattice> lattice, RunState state) {
        Frame unit = UnitRange.of(frame);
        Tuning tuning = state.tuning();
        if (lattice.isEmpty()) {
            return analyse(unit, tuning.params(), tuning.source(), tuning.option(), null, null);
        }
        FrameKind kind = new FrameKind(lattice.get(), frame.height(), frame.width());
        String trigger = settings.enabled() ? trigger(state, kind) : null;
        FrameAnalysis fast = null;
        if (trigger == null) {
            CrystalMask reference = referenceMask(tuning, frame);
            // no reference yet: this frame sets it, with the mask found on it
            fast = analyse(unit, tuning.params(), tuning.source(), tuning.option(), kind,
                    reference != null ? reference : mask(unit, kind));
            if (!settings.enabled() || !tuning.drifted(fast.qc(), fast.er(), settings.driftTolerance())) {
                return fast;
            }
            trigger = "drift";
        }
        // the reference is set again on this frame: so is the mask
        CrystalMask mask = mask(unit, kind);
        FrameAnalysis.Optimisation optimisation = optimise(unit, kind, mask, trigger);
        if (!state.recommendationServes(trigger)) {
            // the operator's parameters stay and their reference moves to this frame (RunState.afterFrame):
            // counted on this frame's mask, as the next frames will be
            return analyse(unit, tuning.params(), tuning.source(), tuning.option(), kind, mask)
                    .withOptimisation(optimisation);
        }
        ParetoOption best = optimisation.options().get(optimisation.recommended());
        return analyse(unit, best.params(), Tuning.OPTIMISER, best.id(), kind, mask).withOptimisation(optimisation);
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

    /** The reference's mask when it was found on a frame of this size (and masks are on), else {@code null}. */
    private CrystalMask referenceMask(Tuning tuning, Frame frame) {
        CrystalMask m = tuning.referenceMask();
        return maskMode == MaskMode.AUTO && m != null && m.height() == frame.height() && m.width() == frame.width()
                ? m : null;
    }

    /** The crystal of this frame ({@link MaskMode#NONE}: all of it). */
    private CrystalMask mask(Frame unit, FrameKind kind) {
        FrameLattice l = kind.lattice();
        return CrystalAtoms.mask(maskMode, unit, CrystalAtoms.periodPx(l.lattice(), l.pixelSize()));
    }

    /**
     * LoG with {@code params}, the detections off {@code mask} dropped, the rewards over its area (on the LoG
     * maxima, as the search scores them), then the positions refined. Without a lattice ({@code kind} null):
     * LoG maxima, no rewards, no mask.
     */
    private FrameAnalysis analyse(Frame unit, LogParams params, String source, Integer option, FrameKind kind,
                                  CrystalMask mask) {
        List<Blob> atoms = LogBlobDetector.detect(unit, params);
        if (kind == null) {
            return new FrameAnalysis("log*", params, source, option, atoms, Double.NaN, Double.NaN, null);
        }
        RewardContext context = context(kind);
        CrystalAtoms.Kept kept = CrystalAtoms.keep(unit, atoms, mask, context.nearestNeighbourPx(), refinement);
        double[] r = REWARDS.evaluate(AtomPositions.ofBlobs(kept.onCrystal()), context.over(mask));
        var refined = kept.refined();
        return new FrameAnalysis("log*", params, source, option, kept.atoms(), r[0], r[1], null, null, mask,
                new FrameAnalysis.Positions(refinement.word(), refined.fitted(), refined.centreOfMass(),
                        refined.unchanged()));
    }

    private FrameAnalysis.Optimisation optimise(Frame unit, FrameKind kind, CrystalMask mask, String trigger) {
        long start = System.nanoTime();
        // the whole frame searched as analyze does: atoms counted on the crystal only, against the lattice's
        // expectation over its area; sliding windows search unmasked (as analyze --window), their choices
        // then serve the fast path above, which is masked
        SearchResult result = settings.window() != 0 ? null
                : mask.isAll() ? LogStarSearch.run(unit, context(kind), settings.search(), SearchListener.NONE)
                : LogStarSearch.run(unit, mask, context(kind).over(mask), settings.search(), SearchListener.NONE);
        result = result != null ? result
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
}
