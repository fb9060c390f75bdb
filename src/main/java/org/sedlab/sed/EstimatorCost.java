package org.sedlab.sed;

import java.util.Locale;
import org.sedlab.data.Pairs;
import org.sedlab.linalg.Lanczos;
import org.sedlab.linalg.LinearOperator;
import org.sedlab.model.GrokTransformer;
import org.sedlab.provenance.ProcessMemory;

/**
 * What the top-k per-example directions of N examples cost this process, one way or the other: wall
 * time from the model at its checkpoint to the eigenpairs, resident memory before and at peak, and
 * covariance-vector products. Peak memory only grows, so each measurement needs a process of its own.
 */
public record EstimatorCost(Method method, int n, double wallSeconds, double rssBeforeMib, double peakRssMib, int products,
                            boolean converged, double[] eigenvalues) {

    /** Materialised: the N x P matrix of per-example gradients, then Lanczos on it. Matrix-free: {@link GradientCovariance}. */
    public enum Method {
        MATERIALISED, LANCZOS;

        public String id() { return name().toLowerCase(Locale.ROOT); }

        public static Method parse(String name) {
            for (Method m : values()) if (m.id().equals(name.trim().toLowerCase(Locale.ROOT))) return m;
            throw new IllegalArgumentException("unknown method '" + name + "': choose materialised or lanczos");
        }
    }

    /** Bytes the materialised matrix needs: N x P float32. */
    public static long matrixBytes(int n, long attentionSize) { return (long) n * attentionSize * Float.BYTES; }

    public static EstimatorCost measure(Method method, GrokTransformer model, int head, Pairs pairs, int k, FisherSettings settings) {
        double before = ProcessMemory.rssMib();
        long start = System.nanoTime();
        LinearOperator c = method == Method.LANCZOS
                ? new GradientCovariance(model, head, pairs, settings.centred(), settings.chunk(), settings.relativeStep())
                : new MaterialisedCovariance(PerExampleGradients.matrix(model, head, pairs, Progress.SILENT), settings.centred());
        Lanczos.Result r = Lanczos.topK(c, k, settings.lanczos());
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EstimatorCost(method, pairs.size(), seconds, before, ProcessMemory.peakRssMib(), r.products(), r.converged(), r.values());
    }
}
