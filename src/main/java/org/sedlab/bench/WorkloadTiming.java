package org.sedlab.bench;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.sedlab.linalg.Blas;
import org.sedlab.model.Engine;

/**
 * One workload's medians over its timed repetitions, in milliseconds, and the line the bench prints for them.
 *
 * @param medianMs         per variant, in the order of {@code variants}
 * @param torchMedianMs    PyTorch's, when the peer timed this workload
 * @param floor            the workload's matrix products replayed alone, when they were
 * @param baseline         the workload this one's cost is given relative to (timed alternately with it), or null
 * @param baselineMedianMs the baseline's, per variant, when there is one
 */
public record WorkloadTiming(String workload, int repetitions, List<Bench.Variant> variants, double[] medianMs,
                             OptionalDouble torchMedianMs, Floor floor, String baseline, double[] baselineMedianMs) {
    /**
     * The floor: the workload's matrix-product FLOPs, and the median time to make its products alone
     * with each matrix-multiply library, indexed by {@link Blas.Library#ordinal()}; the core's FMA peak in
     * GFLOP/s ({@link org.sedlab.linalg.FmaPeak}), when measured, bounds them all.
     */
    public record Floor(long flops, double[] libraryMedianMs, OptionalDouble peakGflops) {
        double medianMs(Blas.Library library) { return libraryMedianMs[library.ordinal()]; }
    }

    /** The printed line: each variant's median, then the ratios to PyTorch, the floors, and the cost relative to the baseline. */
    public String line() {
        StringBuilder line = new StringBuilder(workload);
        for (int e = 0; e < variants.size(); e++) {
            line.append(String.format(" %s_median_ms=%.2f", variants.get(e).id(), medianMs[e]));
        }
        if (torchMedianMs.isPresent()) {
            double reference = torchMedianMs.getAsDouble();
            line.append(String.format(" torch_median_ms=%.2f", reference));
            for (int e = 0; e < variants.size(); e++) {
                line.append(String.format(" ratio_%s=%.2f", variants.get(e).id(), medianMs[e] / reference));
            }
        }
        if (floor != null) {
            line.append(String.format(" gflop=%.3f", floor.flops() / 1e9));
            OptionalDouble peak = floor.peakGflops();
            // the products' time were they made at the core's FMA peak: below what any library reaches
            if (peak.isPresent()) line.append(String.format(" fma_peak_ms=%.2f", floor.flops() / peak.getAsDouble() / 1e6));
            for (Blas.Library library : Blas.Library.values()) {
                double f = floor.medianMs(library);
                double gflops = floor.flops() / f / 1e6;
                line.append(String.format(" %s_floor_ms=%.2f (%.1f GFLOP/s%s)", library.name().toLowerCase(Locale.ROOT), f, gflops,
                        peak.isPresent() ? String.format(", %.2f of peak", gflops / peak.getAsDouble()) : ""));
            }
            for (int e = 0; e < variants.size(); e++) {
                Bench.Variant v = variants.get(e);
                if (v.engine() != Engine.KERNEL) continue;
                line.append(String.format(" %s_gflops=%.1f %s_floor_fraction=%.2f", v.id(), floor.flops() / medianMs[e] / 1e6, v.id(),
                        floor.medianMs(v.library()) / medianMs[e]));
            }
        }
        for (int e = 0; baseline != null && e < variants.size(); e++) {
            line.append(String.format(" %s_vs_%s=%.2f (%.2f ms)", variants.get(e).id(), baseline,
                    medianMs[e] / baselineMedianMs[e], baselineMedianMs[e]));
        }
        return line.append(" n=").append(repetitions).toString();
    }
}
