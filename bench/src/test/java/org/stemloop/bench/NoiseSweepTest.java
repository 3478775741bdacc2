package org.stemloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.Material;

class NoiseSweepTest {

    private static final NoiseSweep.Settings SMALL = new NoiseSweep.Settings(List.of(Material.SRTIO3),
            new double[] {0.0, 0.6}, 96, 1, 7);

    @Test
    void logStarFindsCleanSrTiO3AndEveryCountAddsUp() {
        List<NoiseSweep.Progress> progress = new ArrayList<>();
        NoiseSweep.Result r = NoiseSweep.run(List.of(new LogStarFinder(SearchSettings.DEFAULT)), SMALL, progress::add);

        assertThat(progress).extracting(NoiseSweep.Progress::done).containsExactly(1, 2);
        assertThat(r.rows()).extracting(NoiseRow::noise).containsExactly(0.0, 0.6);
        assertThat(r.rows().get(0).f1()).as("clean SrTiO3").isGreaterThan(0.9);
        for (NoiseRow row : r.rows()) {
            assertThat(row.method()).isEqualTo("log*");
            assertThat(row.truthAtoms()).isPositive();
            assertThat(row.tp() + row.fp()).as("paper: every prediction is a TP or an FP").isEqualTo(row.foundAtoms());
            assertThat(row.o2oTp() + row.o2oFn()).isEqualTo(row.truthAtoms());
            assertThat(row.o2oTp() + row.o2oFp()).isEqualTo(row.foundAtoms());
            assertThat(row.tp()).as("the paper's TP counts predictions, so never fewer than one-to-one's").isGreaterThanOrEqualTo(row.o2oTp());
        }
        assertThat(r.examples()).hasSize(2);
    }

    @Test
    void sameSeedSameTable() {
        NoiseSweep.Result a = NoiseSweep.run(List.of(new LogStarFinder(SearchSettings.DEFAULT)), SMALL, p -> { });
        NoiseSweep.Result b = NoiseSweep.run(List.of(new LogStarFinder(SearchSettings.DEFAULT)), SMALL, p -> { });
        assertThat(strip(a)).isEqualTo(strip(b));
    }

    @Test
    void aFinderThatFindsNothingMissesEveryAtom() {
        AtomFinder nothing = new AtomFinder() {
            @Override
            public String method() {
                return "none";
            }

            @Override
            public List<org.stemloop.eval.Point> find(org.stemloop.image.Frame frame, Material m,
                    org.stemloop.reward.RewardContext c) {
                return List.of();
            }
        };
        NoiseRow row = NoiseSweep.run(List.of(nothing), SMALL, p -> { }).rows().get(0);
        assertThat(row.tp()).isZero();
        assertThat(row.fp()).isZero();
        assertThat(row.fn()).isEqualTo(row.truthAtoms());
        assertThat(row.f1()).isZero();
    }

    @Test
    void theSameAtomsAtEveryNoiseLevel() {
        var clean = NoiseSweep.frame(Material.GRAPHENE, 96, 0.0, 3, 0);
        var noisy = NoiseSweep.frame(Material.GRAPHENE, 96, 0.7, 3, 0);
        assertThat(noisy.atoms()).isEqualTo(clean.atoms());
        assertThat(clean.count("Si")).as("graphene carries dopants").isPositive();
    }

    @Test
    void rejectsSettingsThatCannotRun() {
        assertThatThrownBy(() -> new NoiseSweep.Settings(List.of(Material.SRTIO3), new double[] {1.5}, 96, 1, 1))
                .hasMessageContaining("noise levels must lie in [0, 1]: 1.5");
        assertThatThrownBy(() -> new NoiseSweep.Settings(List.of(Material.SRTIO3), new double[] {0.1}, 96, 0, 1))
                .hasMessageContaining("frames per level must be at least 1");
    }

    private static List<String> strip(NoiseSweep.Result r) {
        // the last column is the time per frame, which varies from run to run
        return r.rows().stream().map(row -> row.csv().replaceAll(",[0-9.]+$", "")).toList();
    }
}
