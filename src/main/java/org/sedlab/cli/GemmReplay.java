package org.sedlab.cli;

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
    private final FloatBuffer a;
    private final FloatBuffer b;
    private final FloatBuffer c;

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
        SplittableRandom rng = new SplittableRandom(1);
        a = filled(maxA, rng);
        b = filled(maxB, rng);
        c = filled(maxC, rng);
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
        long t0 = System.nanoTime();
        for (GemmRecorder.Call call : calls) {
            int lda = call.transA() ? call.m() : call.k();
            int ldb = call.transB() ? call.k() : call.n();
            Blas.gemm(library, call.transA(), call.transB(), call.m(), call.n(), call.k(), 1f, a, lda, b, ldb, 0f, c, call.n());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static FloatBuffer filled(long size, SplittableRandom rng) {
        FloatBuffer buffer = Blas.allocate(size);
        for (int i = 0; i < size; i++) buffer.put(i, (float) (rng.nextDouble() - 0.5));
        return buffer;
    }
}
