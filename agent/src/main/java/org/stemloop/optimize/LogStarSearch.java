package org.stemloop.optimize;

import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.MeanAlterer;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.UniformCrossover;
import io.jenetics.engine.Engine;
import io.jenetics.engine.Evaluator;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.UFTournamentSelector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.stemloop.image.Frame;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;

/**
 * LoG*: the multi-objective search for {@code blob_log} parameters of Barakati et al. (2024),
 * "Unsupervised reward-driven image segmentation in automated STEM experiments". Every reward
 * (the paper's QC and ER, or any {@link org.stemloop.reward.Reward}) is minimised with NSGA-II
 * (Deb et al. 2002): Jenetics' {@link UFTournamentSelector} picks parents, {@link NSGA2Selector}
 * the survivors (non-dominated rank, then crowding distance).
 *
 * <p>Each candidate is four genes in [0, 1023] mapped uniformly onto the grid indices of a
 * {@link ParameterSpace}, so uniform crossover, mean alteration (a step between two parents) and
 * random-reset mutation all stay inside the space. The front is that of every candidate
 * evaluated, not only the last generation's (an archive costs nothing: candidates are cached).
 * Then up to three rounds of local search evaluate the gene neighbours of the front's options,
 * until the front stops changing and has {@link ParetoFront#DEFAULT_MIN_OPTIONS} options: this
 * polishes what the genetic search stepped over and finds tied alternatives.
 *
 * <p>Deterministic for a seed: the genetic operators run on the calling thread with
 * {@code java.util.Random(seed)}; fitness is a pure function of the genes, evaluated in parallel,
 * and the front does not depend on evaluation order.
 *
 * @apiNote Cost: the LoG stack of the sigma grid (~50 layers for graphene at 0.14 Å/px), then
 *          one peak search and pruning per distinct candidate (~350 with the defaults).
 *          {@snippet :
 *          RewardContext ctx = RewardContext.of(Lattice.graphene(), frame);
 *          SearchResult r = LogStarSearch.run(frame, ctx, SearchSettings.DEFAULT, SearchListener.NONE);
 *          List<Blob> atoms = r.recommendedAtoms();
 *          }
 */
public final class LogStarSearch {

    static final int GENE_MAX = 1023;
    private static final int REFINE_ROUNDS = 3;

    private LogStarSearch() {
    }

    /** The search with the paper's rewards over the space derived from the lattice spacing. */
    public static SearchResult run(Frame frame, RewardContext context, SearchSettings settings, SearchListener listener) {
        return run(frame, context, ParameterSpace.forSpacing(context.nearestNeighbourPx()), Rewards.paper(), settings,
                listener);
    }

    /**
     * Searches {@code space} for the parameter sets that best trade off {@code rewards} on
     * {@code frame}.
     *
     * @param frame    the image, any range (scaled to [0, 1] internally)
     * @param context  expected atom count and distances for this frame's size
     * @param space    the parameter ranges and grids
     * @param rewards  the rewards, all minimised; hypervolume and the plot need exactly two
     * @param settings population, generations, seed
     * @param listener told after each generation
     */
    public static SearchResult run(Frame frame, RewardContext context, ParameterSpace space, Rewards rewards,
            SearchSettings settings, SearchListener listener) {
        return run(frame, ScoredArea.whole(frame.height(), frame.width()), context, space, rewards, settings, listener);
    }

    /**
     * The search with the paper's rewards, counting atoms only on the crystal: detections off
     * {@code mask} are not scored, and {@code context} should expect atoms over the crystal's area
     * only ({@link RewardContext#over(CrystalMask)}).
     */
    public static SearchResult run(Frame frame, CrystalMask mask, RewardContext context, SearchSettings settings,
            SearchListener listener) {
        if (mask.height() != frame.height() || mask.width() != frame.width()) {
            throw new IllegalArgumentException("Mask %d x %d does not fit the frame %d x %d".formatted(mask.height(),
                    mask.width(), frame.height(), frame.width()));
        }
        return run(frame, ScoredArea.crystal(mask), context, ParameterSpace.forSpacing(context.nearestNeighbourPx()),
                Rewards.paper(), settings, listener);
    }

    /** The search on {@code frame} with the atoms counted only inside {@code area} (a window in its padded crop). */
    static SearchResult run(Frame frame, ScoredArea area, RewardContext context, ParameterSpace space, Rewards rewards,
            SearchSettings settings, SearchListener listener) {
        long start = System.nanoTime();
        FrameEvaluator evaluator = new FrameEvaluator(frame, space, rewards, context, area);
        long stackDone = System.nanoTime();
        int[] max = space.genes();
        Evaluator<IntegerGene, Vec<double[]>> fitness = population -> evaluate(population, evaluator, max);
        Engine<IntegerGene, Vec<double[]>> engine = new Engine.Builder<>(fitness,
                Genotype.of(IntegerChromosome.of(0, GENE_MAX, 4)))
                .populationSize(settings.populationSize())
                .offspringSelector(UFTournamentSelector.ofVec())
                .survivorsSelector(NSGA2Selector.ofVec())
                .alterers(new UniformCrossover<>(0.5, 0.5), new MeanAlterer<>(0.2), new Mutator<>(0.15))
                .executor(Runnable::run)
                .build();
        int total = settings.generations() + 1;
        RandomRegistry.with(new Random(settings.seed()), r -> engine.stream()
                .limit(total)
                .peek(result -> {
                    if (listener != SearchListener.NONE) {
                        ParetoFront f = ParetoFront.of(rewards.names(), evaluator.evaluated());
                        listener.onGeneration(new SearchProgress((int) result.generation(), total,
                                evaluator.evaluations(), f.size(), hypervolumeOrZero(f),
                                (System.nanoTime() - start) / 1_000_000));
                    }
                })
                .count());
        ParetoFront front = evaluator.exactFront();
        for (int round = 0; round < REFINE_ROUNDS; round++) {
            ParetoFront before = front;
            front = refine(front, evaluator, max);
            if (front.options().equals(before.options()) && front.size() >= ParetoFront.DEFAULT_MIN_OPTIONS) {
                break;
            }
        }
        long end = System.nanoTime();
        return new SearchResult(front, evaluator, (stackDone - start) / 1_000_000, (end - stackDone) / 1_000_000);
    }

    /**
     * Evaluates the gene neighbours (one gene moved by 1 or 2 steps) of every option: finds any
     * better neighbour the genetic search stepped over, and tied alternatives for a short front.
     * At most 16 candidates per option, fewer when already cached.
     */
    private static ParetoFront refine(ParetoFront front, FrameEvaluator evaluator, int[] max) {
        List<int[]> around = new ArrayList<>();
        for (Candidate c : front.options()) {
            for (int i = 0; i < max.length; i++) {
                for (int step : new int[] {-2, -1, 1, 2}) {
                    int[] g = c.genes();
                    g[i] = Math.max(0, Math.min(max[i], g[i] + step));
                    around.add(g);
                }
            }
        }
        if (front.size() < ParetoFront.DEFAULT_MIN_OPTIONS) {
            // a short front: sweep the sigma and overlap genes of the knee one at a time; scales and
            // overlaps that change no blob give tied alternatives
            for (int gene : new int[] {0, 1, 3}) {
                for (int v = 0; v <= max[gene]; v++) {
                    int[] g = front.recommended().genes();
                    g[gene] = v;
                    around.add(g);
                }
            }
        }
        around.parallelStream().forEach(evaluator::evaluate);
        return evaluator.exactFront();
    }

    private static ISeq<Phenotype<IntegerGene, Vec<double[]>>> evaluate(
            io.jenetics.util.Seq<Phenotype<IntegerGene, Vec<double[]>>> population, FrameEvaluator evaluator, int[] max) {
        return population.stream().parallel()
                .map(p -> p.isEvaluated() ? p : p.withFitness(fitness(evaluator.evaluate(genes(p.genotype(), max)))))
                .collect(ISeq.toISeq());
    }

    /** Jenetics maximises vectors, so the minimised rewards go in negated. */
    private static Vec<double[]> fitness(Candidate c) {
        double[] r = c.rewards();
        for (int i = 0; i < r.length; i++) {
            r[i] = -r[i];
        }
        return Vec.of(r);
    }

    static int[] genes(Genotype<IntegerGene> gt, int[] max) {
        int[] g = new int[max.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gt.chromosome().get(i).intValue() * (max[i] + 1) / (GENE_MAX + 1);
        }
        return g;
    }

    private static double hypervolumeOrZero(ParetoFront f) {
        return f.rewardNames().size() == 2 ? f.hypervolume() : 0;
    }
}
