package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PortableMath.exp against StrictMath's (fdlibm, under 1 ulp) over the whole range, and its edges. */
class PortableMathTest {
    @Test
    void expIsWithinTwoUlpOfFdlibmEverywhere() {
        SplittableRandom rng = new SplittableRandom(3);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double x = i % 2 == 0 ? rng.nextDouble(-745, 709.7) : rng.nextDouble(-40, 5);
            double want = StrictMath.exp(x);
            double got = PortableMath.exp(x);
            if (want == 0 || Double.isInfinite(want)) {
                continue;
            }
            double ulps = Math.abs(got - want) / Math.ulp(want);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
    }

    @Test
    void exactPointsAndEdges() {
        assertEquals(1.0, PortableMath.exp(0.0));
        assertEquals(1.0, PortableMath.exp(-0.0));
        assertEquals(Math.E, PortableMath.exp(1.0), Math.ulp(Math.E));
        assertEquals(0.0, PortableMath.exp(-800));
        assertEquals(Double.POSITIVE_INFINITY, PortableMath.exp(710));
        assertEquals(0.0, PortableMath.exp(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, PortableMath.exp(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(PortableMath.exp(Double.NaN)));
        // e^-700 against a 40-digit reference
        BigDecimal reference = new BigDecimal("9.85967654375977e-305");
        assertEquals(reference.doubleValue(), PortableMath.exp(-700), 4 * Math.ulp(reference.doubleValue()),
                "e^-700 " + new BigDecimal(PortableMath.exp(-700), MathContext.DECIMAL64));
    }
}
