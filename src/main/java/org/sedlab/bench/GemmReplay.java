package org.sedlab.bench;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.sedlab.linalg.Blas;
import org.sedlab.linalg.GemmRecorder;

/**
 * A workload's matrix products, recorded from one run and replayed alone on buffers of the same shapes:
 * the time the workload could not go below with that matrix-multiply library (its floor).
 */
final class GemmReplay {
    private final List<GemmRecorder.Call> calls;
    private final long flops;
    /** Per library, operands of the kind it works on in place (arrays or direct buffers), the same values for each. */
    private final java.util.Map<Blas.Library, FloatBuffer[]> operands = new java.util.EnumMap<>(Blas.Library.class);

    private GemmReplay(List<GemmRecorder.Call> calls, long flops) {
        this.calls = calls;
        this.flops = flops;
        long maxA = 1;
        long maxB = 1;
        long maxC = 1;
        for (GemmRecorder.Call call : calls) {
            maxA = Math.max(maxA, (long) call.m() * call.k());
            maxB = Math.max(maxB, (long) call.k() * call.n());
            maxC = Math.max(maxC, (long) call.m() * call.n());
        }
        for (Blas.Library library : Blas.Library.values()) {
            SplittableRandom rng = new SplittableRandom(1);
            operands.put(library, new FloatBuffer[]{filled(maxA, rng, library), filled(maxB, rng, library), filled(maxC, rng, library)});
        }
    }

    /** Runs {@code workload} once and keeps the products it made. */
    static GemmReplay of(Runnable workload) {
        try (GemmRecorder recorder = GemmRecorder.open()) {
            workload.run();
            return new GemmReplay(recorder.calls(), recorder.flops());
        }
    }

    long flops() { return flops; }

    /** Times the replay by every library, into {@code times[library][repetition]} (a negative repetition warms up). */
    void timeEachLibrary(double[][] times, int repetition) {
        for (Blas.Library library : Blas.Library.values()) {
            double ms = time(library);
            if (repetition >= 0) times[library.ordinal()][repetition] = ms;
        }
    }

    /** Milliseconds to make every recorded product once with {@code library}. */
    private double time(Blas.Library library) {
        FloatBuffer a = operands.get(library)[0];
        FloatBuffer b = operands.get(library)[1];
        FloatBuffer c = operands.get(library)[2];
        long t0 = System.nanoTime();
        for (GemmRecorder.Call call : calls) {
            int lda = call.transA() ? call.m() : call.k();
            int ldb = call.transB() ? call.k() : call.n();
            Blas.gemm(library, call.transA(), call.transB(), call.m(), call.n(), call.k(), 1f, a, lda, b, ldb, 0f, c, call.n());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static FloatBuffer filled(long size, SplittableRandom rng, Blas.Library library) {
        FloatBuffer buffer = Blas.allocate(size, library);
        for (int i = 0; i < size; i++) buffer.put(i, (float) (rng.nextDouble() - 0.5));
        return buffer;
    }
}
