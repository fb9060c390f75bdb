package org.sedlab.linalg;

import java.util.ArrayList;
import java.util.List;

/**
 * The matrix products {@link Blas#gemm} makes on this thread while a recording is open, by shape: what a
 * workload costs in FLOPs, and the calls to replay alone to measure its matrix-multiply floor. Opened and
 * closed in a try-with-resources block; a recording opened inside another hides the outer one until closed.
 */
public final class GemmRecorder implements AutoCloseable {
    private static final ThreadLocal<GemmRecorder> OPEN = new ThreadLocal<>();

    /** One product: op(A) is m x k, op(B) k x n. */
    public record Call(boolean transA, boolean transB, int m, int n, int k) {
        public long flops() { return 2L * m * n * k; }
    }

    private final List<Call> calls = new ArrayList<>();
    private final GemmRecorder outer;
    private boolean closed;

    private GemmRecorder(GemmRecorder outer) {
        this.outer = outer;
    }

    /** Starts recording this thread's products. */
    public static GemmRecorder open() {
        GemmRecorder r = new GemmRecorder(OPEN.get());
        OPEN.set(r);
        return r;
    }

    static void note(boolean transA, boolean transB, int m, int n, int k) {
        GemmRecorder r = OPEN.get();
        if (r != null) r.calls.add(new Call(transA, transB, m, n, k));
    }

    /** The products recorded, in order. */
    public List<Call> calls() { return List.copyOf(calls); }

    /** Their floating-point operations: 2 m n k each. */
    public long flops() {
        long total = 0;
        for (Call c : calls) total += c.flops();
        return total;
    }

    @Override
    public void close() {
        if (closed) return;
        if (OPEN.get() != this) throw new IllegalStateException("gemm recordings must close in the reverse order of opening");
        closed = true;
        OPEN.set(outer);
    }
}
