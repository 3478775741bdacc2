import java.util.*;
import org.stemloop.cluster.*;
import org.stemloop.detect.*;
import org.stemloop.sim.*;
/** Times the agent (ClassifyingAnalyzer: spacing, capped radius, AtomClasses)'s classification step (median spacing + AtomClasses) on LoG atoms of 512² graphene. */
public class ClassTiming {
    public static void main(String[] a) {
        for (double noise : new double[] {0.1, 0.3}) {
            SimulatedFrame sf = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 512).withNoiseLevel(noise).withSeed(701)
                    .withDefects(Defects.NONE.withDopants(0.03).withHoles(3, 6)));
            double[] p = sf.frame().pixels(); double lo = Arrays.stream(p).min().getAsDouble(), hi = Arrays.stream(p).max().getAsDouble();
            double[] u = Arrays.stream(p).map(v -> (v - lo) / (hi - lo)).toArray();
            List<Blob> atoms = LogBlobDetector.detect(org.stemloop.image.Frame.of(512, 512, u), LogParams.of(2, 6, 10, 0.03, 0.5));
            for (String s : new String[] {"auto", "2", "3"}) {
                long[] ms = new long[7]; int k = 0;
                for (int r = 0; r < ms.length; r++) {
                    long t0 = System.nanoTime();
                    ClassSettings cs = ClassSettings.parse(s, 1);
                    int radius = (int) Math.max(2, Math.min(8, Math.round(AtomSpacing.median(atoms) / 2)));
                    AtomClasses c = AtomClasses.classify(sf.frame(), atoms, 2.0 * radius, new ClassSettings(cs.minClasses(), cs.maxClasses(), cs.components(), radius, cs.seed()));
                    ms[r] = (System.nanoTime() - t0) / 1_000_000; k = c.classes();
                }
                long[] w = Arrays.copyOfRange(ms, 2, ms.length); Arrays.sort(w);
                System.out.printf("noise %.1f classes=%s atoms=%d k=%d median %d ms (min %d, max %d; 5 warm runs)%n", noise, s, atoms.size(), k, w[2], w[0], w[4]);
            }
        }
    }
}
