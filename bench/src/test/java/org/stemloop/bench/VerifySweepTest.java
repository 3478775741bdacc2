package org.stemloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageReaders;
import org.stemloop.image.Precision;

class VerifySweepTest {

    private static final List<VerifyCase> CASES = VerifySweep.cases(7, 300);

    @Test
    void theSameSeedGivesTheSameCases() {
        assertThat(VerifySweep.cases(7, 300)).isEqualTo(CASES);
        assertThat(VerifySweep.cases(8, 5)).isNotEqualTo(CASES.subList(0, 5));
    }

    @Test
    void framesAreOddNonSquareAndWithinRange() {
        for (VerifyCase c : CASES) {
            assertThat(c.spec().height()).isBetween(64, 300).isOdd().isNotEqualTo(c.spec().width());
            assertThat(c.spec().width()).isBetween(64, 301);
            assertThat(c.spec().noise().level()).isBetween(0.0, 0.9);
        }
    }

    @Test
    void coversEveryDtypeAndTheQuirkyParameters() {
        Set<SampleDtype> dtypes = EnumSet.noneOf(SampleDtype.class);
        CASES.forEach(c -> dtypes.add(c.dtype()));
        assertThat(dtypes).containsExactlyInAnyOrder(SampleDtype.values());
        assertThat(CASES).anyMatch(c -> c.params().minSigma() > c.params().maxSigma())
                .anyMatch(c -> !c.params().hasThreshold())
                .anyMatch(c -> c.params().hasThresholdRel())
                .anyMatch(c -> c.params().logScale())
                .anyMatch(c -> c.params().excludeBorder() > 0)
                .anyMatch(c -> c.params().numSigma() == 1)
                .anyMatch(c -> c.spec().noise().level() == 0);
        assertThat(CASES).allMatch(c -> c.params().minSigma() >= 0.5 && c.params().maxSigma() <= 8);
    }

    @Test
    void zeroCasesIsEmptyAndNegativeIsRefused() {
        assertThat(VerifySweep.cases(1, 0)).isEmpty();
        assertThatThrownBy(() -> VerifySweep.cases(1, -1)).hasMessageContaining("negative");
    }

    @Test
    void writesFramesThatReadBackInTheirDtype(@TempDir Path dir) throws Exception {
        for (SampleDtype dtype : SampleDtype.values()) {
            VerifyCase c = CASES.stream().filter(k -> k.dtype() == dtype).findFirst().orElseThrow();
            Frame frame = ImageReaders.read(c.write(dir));
            assertThat(frame.height()).isEqualTo(c.spec().height());
            assertThat(frame.width()).isEqualTo(c.spec().width());
            assertThat(frame.precision()).isEqualTo(dtype == SampleDtype.FLOAT32 ? Precision.FLOAT32 : Precision.FLOAT64);
            if (dtype == SampleDtype.UINT8 || dtype == SampleDtype.UINT16) {
                // integers span the full range, so img_as_float gives exactly 0 and 1 at the ends
                assertThat(frame.range()).containsExactly(0.0, 1.0);
            }
        }
    }
}
