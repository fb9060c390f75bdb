package org.sedlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void meanSampleVarianceAndMedianOfAFewSeedsAndOfNone() {
        double[] steps = {3000, 3200, 3400, 3100};
        assertEquals(3175, Statistics.mean(steps), 1e-12);
        assertEquals((175 * 175 + 25 * 25 + 225 * 225 + 75 * 75) / 3.0, Statistics.variance(steps), 1e-9);
        assertEquals(3150, Statistics.median(steps), 1e-12, "an even count: the middle two's mean");
        assertEquals(3200, Statistics.median(new double[]{3400, 3000, 3200}), 1e-12);
        assertEquals(Double.NaN, Statistics.mean(new double[0]));
        assertEquals(Double.NaN, Statistics.median(new double[0]));
    }
}
