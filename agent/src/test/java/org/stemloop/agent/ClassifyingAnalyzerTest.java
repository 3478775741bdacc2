package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.cluster.ClassSettings;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

class ClassifyingAnalyzerTest {

    private static final FrameAnalyzer TRUTH = (frame, material, state) -> {
        throw new AssertionError("not called");
    };

    @Test
    void siliconDopantsGetAClassOfTheirOwnWithoutALattice() {
        SimulatedFrame sf = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 192).withNoiseLevel(0.1).withSeed(3)
                .withDefects(Defects.NONE.withDopants(0.05)));
        List<Blob> atoms = sf.atoms().stream().map(a -> new Blob(Math.round(a.row()), Math.round(a.col()), 2)).toList();

        FrameClasses c = new ClassifyingAnalyzer(TRUTH, ClassSettings.fixed(2)).classify(sf.frame(), atoms);

        assertThat(c.skipped()).isNull();
        assertThat(c.classes()).isEqualTo(2);
        int[] labels = c.labels();
        for (int i = 0; i < labels.length; i++) {
            // class 1 (the smaller) is the Si; the patch size came from the atoms' own spacing
            assertThat(labels[i]).as("atom %d, %s", i, sf.atoms().get(i).label())
                    .isEqualTo(sf.atoms().get(i).label().equals("Si") ? 1 : 0);
        }
        assertThat(c.counts()[0] + c.counts()[1]).isEqualTo(atoms.size());
        assertThat(c.patchSide()).as("half the C-C distance of 10.1 px either side").isEqualTo(11);
    }

    @Test
    void sparseAtomsGetBoundedPatchesNotMinutesOfPca() {
        // 30 atoms 40 px apart: half the spacing would be 41 x 41 patches (1,681 dimensions)
        SimulatedFrame sf = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 256).withSeed(4));
        List<Blob> atoms = new java.util.ArrayList<>();
        for (int r = 20; r < 256 && atoms.size() < 30; r += 40) {
            for (int c = 20; c < 256 && atoms.size() < 30; c += 40) {
                atoms.add(new Blob(r, c, 2));
            }
        }
        FrameClasses c = new ClassifyingAnalyzer(TRUTH, ClassSettings.fixed(2)).classify(sf.frame(), atoms);

        assertThat(c.labels()).hasSize(30);
        assertThat(c.patchSide()).isEqualTo(2 * ClassifyingAnalyzer.MAX_PATCH_RADIUS + 1);
    }

    @Test
    void tooFewAtomsAreNamedInsteadOfClassified() {
        Frame frame = Frame.of(20, 20, new double[400]);
        List<Blob> atoms = List.of(new Blob(3, 3, 1), new Blob(3, 12, 1), new Blob(12, 3, 1));

        FrameClasses c = new ClassifyingAnalyzer(TRUTH, ClassSettings.AUTO).classify(frame, atoms);

        assertThat(c.labels()).isNull();
        assertThat(c.skipped()).isEqualTo("too few atoms: 3 (need 12 for up to 4 classes)");
        assertThat(c.counts()).isEmpty();
    }

    @Test
    void theSettingIsOffAutoOrANumber() {
        assertThat(AgentConfig.parseClasses(null)).isNull();
        assertThat(AgentConfig.parseClasses("off")).isNull();
        assertThat(AgentConfig.parseClasses("auto")).isEqualTo(ClassSettings.AUTO);
        assertThat(AgentConfig.parseClasses(" 3 ").maxClasses()).isEqualTo(3);
        assertThatThrownBy(() -> AgentConfig.parseClasses("many"))
                .hasMessage("classes must be off, auto or a number of classes 1-10: many");
    }
}
