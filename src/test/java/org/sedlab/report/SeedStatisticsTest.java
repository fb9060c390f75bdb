package org.sedlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Known answers for the statistics every verdict uses. */
class SeedStatisticsTest {
    @Test
    void theSignTestIsTheExactBinomialTail() {
        assertEquals(2.0 / 64, PairedDifference.signTest(6, 0), 1e-15, "6 of 6: 2 x (1/2)^6");
        assertEquals(2.0 / 32, PairedDifference.signTest(0, 5), 1e-15);
        assertEquals(2 * (1 + 10 + 45) / 1024.0, PairedDifference.signTest(8, 2), 1e-15, "8 of 10: 2 x P(X <= 2)");
        assertEquals(1.0, PairedDifference.signTest(2, 2), 1e-15, "capped at 1");
        assertEquals(1.0, PairedDifference.signTest(0, 0), 1e-15, "no non-zero pair says nothing");
    }

    @Test
    void theIntervalIsStudentsT() {
        PairedDifference d = PairedDifference.of(new double[]{0, 0, 0}, new double[]{1, 2, 3});
        assertEquals(2.0, d.mean(), 1e-15);
        assertEquals(1.0, d.sd(), 1e-15);
        double half = 4.302652729911275 / Math.sqrt(3); // t(0.975, 2)
        assertEquals(2 - half, d.low(), 1e-9);
        assertEquals(2 + half, d.high(), 1e-9);
        assertEquals(3, d.positive());
        assertEquals(0.25, d.signTestP(), 1e-15);
        assertFalse(d.decided(), "3 of 3 cannot reach p < 0.05");
    }

    @Test
    void aTruePairedDifferenceIsDecidedAtTenSeedsAndUndecidedAtThree() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] a = new double[10];
        double[] b = new double[10];
        for (int s = 0; s < 10; s++) {
            a[s] = 3000 + 400 * rng.nextGaussian(); // the seed's own level, shared by both conditions
            b[s] = a[s] - 300 + 60 * rng.nextGaussian(); // 300 steps faster, with noise
        }
        PairedDifference ten = PairedDifference.of(a, b);
        assertTrue(ten.decided(), ten.describe());
        assertEquals(-1, ten.direction());
        assertTrue(ten.high() < 0 && ten.low() > -400, ten.describe());

        PairedDifference three = PairedDifference.of(java.util.Arrays.copyOf(a, 3), java.util.Arrays.copyOf(b, 3));
        assertFalse(three.decided(), three.describe());
        assertEquals(0, three.direction());
        assertTrue(three.seedsToDecide() >= 6 && three.seedsToDecide() <= 10, "an effect of 5 SDs needs the sign test's 6 pairs: " + three.seedsToDecide());
        assertEquals("undecided at this n (an effect this size needs " + three.seedsToDecide() + " seeds)", three.undecided());
    }

    @Test
    void enoughSeedsForTheIntervalButATieLeavesTheSignTestShort() {
        // six seeds, five 100-150 steps earlier and one tied: the interval excludes 0, the sign test's p is 2/2^5
        PairedDifference d = PairedDifference.of(new double[]{1000, 1000, 1000, 1000, 1000, 1000}, new double[]{900, 880, 850, 870, 890, 1000});
        assertTrue(d.high() < 0, d.describe());
        assertEquals(0.0625, d.signTestP(), 1e-12);
        assertFalse(d.decided());
        assertEquals("undecided at this n (the interval excludes 0, the sign test does not: 0 above, 5 below, 1 tied)", d.undecided());
    }

    /**
     * An equivalence claim at +-log 1.25: ten ratios within 1 % of 1 hold it (though the small effect is
     * decided), ten halvings refute it, three scattered ones leave it open; ratios print as factors.
     */
    @Test
    void anEquivalenceVerdictAsksWhetherTheIntervalLiesInsideTheMargin() {
        double margin = Math.log(1.25);
        double[] ones = new double[10];
        double[] near = new double[10];
        double[] half = new double[10];
        for (int s = 0; s < 10; s++) {
            near[s] = Math.log(s % 5 == 0 ? 1.005 : 1.01);
            half[s] = Math.log(0.5) + 0.01 * (s % 3);
        }
        PairedDifference small = PairedDifference.of(ones, near);
        assertTrue(small.decided(), "a decided but small effect: " + small.describe());
        assertEquals(Verdict.REPRODUCES, small.equivalenceVerdict(margin));
        PairedDifference halved = PairedDifference.of(ones, half);
        assertEquals(Verdict.DOES_NOT_REPRODUCE, halved.equivalenceVerdict(margin));
        assertEquals("x0.50 [0.50, 0.51]", halved.asFactor(), "exp(log 0.5 + 0.009)");
        PairedDifference scattered = PairedDifference.of(new double[3], new double[]{Math.log(0.6), Math.log(1.5), Math.log(1.1)});
        assertEquals(Verdict.UNDECIDED, scattered.equivalenceVerdict(margin), scattered.describe());
        PairedDifference single = PairedDifference.of(new double[]{0}, new double[]{Math.log(0.57)});
        assertEquals("x0.57, one pair: no interval", single.asFactor(), "not [0.00, Infinity]");
        assertEquals(Verdict.UNDECIDED, single.equivalenceVerdict(margin));
    }

    @Test
    void noDifferenceStaysUndecidedAndNeedsNoFiniteNumberOfSeeds() {
        PairedDifference none = PairedDifference.of(new double[]{1, 2, 3, 4}, new double[]{1, 2, 3, 4});
        assertFalse(none.decided());
        assertEquals(Integer.MAX_VALUE, none.seedsToDecide());
        assertEquals("undecided at this n (no difference between them)", none.undecided());
        PairedDifference missing = PairedDifference.of(new double[]{1, Double.NaN, 3}, new double[]{2, 5, 4});
        assertEquals(2, missing.n(), "a seed missing on either side leaves the pair out");
    }

    @Test
    void aBootstrapRatioCoversTheTrueRatioAndIsReproducible() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] control = new double[10];
        double[] mode = new double[10];
        for (int s = 0; s < 10; s++) {
            control[s] = 3000 + 300 * rng.nextGaussian();
            mode[s] = control[s] / 2 + 50 * rng.nextGaussian();
        }
        BootstrapRatio r = BootstrapRatio.of(control, mode, 7);
        assertTrue(r.contains(2.0) && r.low() > 1.6 && r.high() < 2.5, r.describe());
        assertEquals(r, BootstrapRatio.of(control, mode, 7));
        assertEquals(Statistics.mean(control) / Statistics.mean(mode), r.ratio(), 1e-12);
    }

    @Test
    void aStatisticWhoseRangeOverNuisanceDrawsHoldsThePapersValueIsUnstable() {
        // The top-1 cosine of two nearly tied axes: it swings with the probe draw.
        NuisanceRange tied = NuisanceRange.of(new double[]{0.02, 0.15, 0.91, 0.40, 0.98, 0.07}, "3 probe seeds x 2 checkpoints");
        assertTrue(tied.unstableAt(0.79, 0.2), tied.describe());
        // A stable statistic away from the paper's value is not.
        NuisanceRange stable = NuisanceRange.of(new double[]{0.14, 0.15, 0.16, 0.15}, "4 probe seeds");
        assertFalse(stable.unstableAt(0.79, 0.2));
        assertEquals(0.15, stable.median(), 1e-15);
    }
}
