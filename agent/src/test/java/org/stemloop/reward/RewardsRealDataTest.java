package org.stemloop.reward;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemloop.image.Frame;
import org.stemloop.testsupport.RealData;

/**
 * The rewards of the AtomNet predictions that come with the real graphene images (a network's
 * output, not the truth): with the nominal pixel size and with the lattice measured by the FFT.
 * A reasonable atom finder should score low on both, which checks the ER limit on real data.
 */
class RewardsRealDataTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"graphene_si_2nm, 0.078", "graphene_gb_4nm, 0.078", "graphene_gb_6nm, 0.117"})
    void atomNetPredictionsScoreLow(String name, double pixelSize) throws IOException {
        Frame frame = TestNpy.read(RealData.file(name + ".npy"));
        JsonNode atoms = new ObjectMapper().readTree(RealData.file(name + ".atomnet.json").toFile()).get("atoms");
        double[] rows = new double[atoms.size()], cols = new double[atoms.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = atoms.get(i).get(0).asDouble();
            cols[i] = atoms.get(i).get(1).asDouble();
        }
        Rewards rewards = Rewards.of(new QuantityReward(), new CrowdingReward(), new NeighbourSpreadReward());
        RewardContext nominal = RewardContext.of(Lattice.graphene(), frame.withPixelSize(pixelSize));
        RewardContext measured = RewardContext.of(LatticeEstimator.estimate(frame).orElseThrow(), frame.height(), frame.width());

        double[] byNominal = rewards.evaluate(rows, cols, nominal);
        double[] byFft = rewards.evaluate(rows, cols, measured);

        System.out.printf("%-16s %d AtomNet atoms: nominal N=%.0f qc=%.3f er=%.3f spread=%.3f | FFT N=%.0f qc=%.3f er=%.3f spread=%.3f%n",
                name, rows.length, nominal.expectedCount(), byNominal[0], byNominal[1], byNominal[2],
                measured.expectedCount(), byFft[0], byFft[1], byFft[2]);
        assertThat(byNominal[1]).as("ER, nominal lattice").isLessThan(0.02);
        assertThat(byFft[1]).as("ER, FFT lattice").isLessThan(0.02);
    }
}
