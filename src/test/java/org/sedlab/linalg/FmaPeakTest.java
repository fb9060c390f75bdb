package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class FmaPeakTest {
    /** The chains as peak.c defines them, one lane, in Java. */
    private static float chainsInJava(long iterations, float start, float mul, float add) {
        float sum = 0;
        for (int c = 0; c < FmaPeak.CHAINS; c++) {
            float x = start + c;
            for (long i = 0; i < iterations; i++) x = Math.fma(x, mul, add);
            sum += x;
        }
        return sum;
    }

    @Test
    void theTimedLoopComputesEveryChainAtEachLevel() {
        assumeTrue(NativeLibrary.AVAILABLE, NativeLibrary.STATUS);
        for (NativeLibrary.Level level : NativeLibrary.Level.values()) {
            if (!NativeLibrary.runs(level)) continue;
            for (long iterations : new long[]{0, 1, 7, 1000}) {
                assertEquals(Float.floatToIntBits(chainsInJava(iterations, 0.5f, 0.999f, 1e-3f)),
                        Float.floatToIntBits(FmaPeak.chains(level, iterations, 0.5f, 0.999f, 1e-3f)), level + ", " + iterations + " steps");
            }
        }
    }

    @Test
    void thePeakIsMeasuredWhereTheLibraryRuns() {
        assertEquals(NativeLibrary.AVAILABLE, FmaPeak.gflops().isPresent());
        FmaPeak.gflops().ifPresent(g -> assertTrue(g > 0 && Double.isFinite(g), "peak " + g));
    }
}
