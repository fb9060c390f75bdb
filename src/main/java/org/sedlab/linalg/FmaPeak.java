package org.sedlab.linalg;

import java.util.OptionalDouble;

/**
 * One core's rate of fused multiply-adds at the native library's level ({@code src/main/native/peak.c}):
 * what no matrix product here can beat, against which the benchmark reads its products' rates.
 */
public final class FmaPeak {
    /** Independent chains a run keeps going at once, as peak.c does. */
    static final int CHAINS = 12;
    private static final long ITERATIONS = 20_000_000; // about 70 ms at 16 lanes and 110 GFLOP/s

    private FmaPeak() {}

    /** GFLOP/s (two an FMA) at the level this process runs, best of three runs; empty without the native library. */
    public static OptionalDouble gflops() {
        if (!NativeLibrary.AVAILABLE) return OptionalDouble.empty();
        NativeLibrary.Level level = NativeLibrary.LEVEL;
        int lanes = level == NativeLibrary.Level.AVX512 ? 16 : 8;
        chains(level, ITERATIONS / 10, 0.5f, 0.999999f, 1e-3f); // warm-up: the vector units' clock
        double best = 0;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            chains(level, ITERATIONS, 0.5f, 0.999999f, 1e-3f);
            best = Math.max(best, 2.0 * CHAINS * lanes * ITERATIONS / (System.nanoTime() - start));
        }
        return OptionalDouble.of(best);
    }

    /** Chain c starts at start + c and steps x = fma(x, mul, add) {@code iterations} times; the chains' finals summed in order. */
    static float chains(NativeLibrary.Level level, long iterations, float start, float mul, float add) {
        return chains(level.code(), iterations, start, mul, add);
    }

    private static native float chains(int level, long iterations, float start, float mul, float add);
}
