package org.sedlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sedlab.linalg.Numerics;
import org.sedlab.model.Engine;

class WorkloadTimingTest {
    private static final List<Bench.Variant> THREE = List.of(new Bench.Variant(Engine.KERNEL, Numerics.PORTABLE),
            new Bench.Variant(Engine.KERNEL, Numerics.FAST), new Bench.Variant(Engine.SAMEDIFF, Numerics.PORTABLE));
    private Locale locale;

    @BeforeEach
    void pointDecimals() {
        locale = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(locale);
    }

    @Test
    void aLineGivesEachMedianThenTheRatiosToPyTorchThenTheFloorsThenTheBaseline() {
        // floors by library (portable, oneDNN, OpenBLAS): 2 GFLOP in 40, 20 and 25 ms; at a peak of 125 GFLOP/s, 16 ms
        WorkloadTiming timing = new WorkloadTiming("train_step_multitask_b512", 20, THREE, new double[]{80, 50, 200},
                OptionalDouble.of(100), new WorkloadTiming.Floor(2_000_000_000L, new double[]{40, 20, 25}, OptionalDouble.of(125)),
                "train_step_b512", new double[]{40, 25, 160});
        assertEquals("train_step_multitask_b512 kernel_median_ms=80.00 kernel_fast_median_ms=50.00 samediff_median_ms=200.00"
                + " torch_median_ms=100.00 ratio_kernel=0.80 ratio_kernel_fast=0.50 ratio_samediff=2.00"
                + " gflop=2.000 fma_peak_ms=16.00 portable_floor_ms=40.00 (50.0 GFLOP/s, 0.40 of peak) onednn_floor_ms=20.00 (100.0 GFLOP/s, 0.80 of peak)"
                + " openblas_floor_ms=25.00 (80.0 GFLOP/s, 0.64 of peak)"
                + " kernel_gflops=25.0 kernel_floor_fraction=0.50 kernel_fast_gflops=40.0 kernel_fast_floor_fraction=0.40"
                + " kernel_vs_train_step_b512=2.00 (40.00 ms) kernel_fast_vs_train_step_b512=2.00 (25.00 ms) samediff_vs_train_step_b512=1.25 (160.00 ms)"
                + " n=20", timing.line());
    }

    @Test
    void withoutPeerFloorOrBaselineALineIsTheMediansAlone() {
        WorkloadTiming timing = new WorkloadTiming("centroids_1024", 3, THREE.subList(0, 1), new double[]{12.345},
                OptionalDouble.empty(), null, null, null);
        assertEquals("centroids_1024 kernel_median_ms=12.35 n=3", timing.line());
    }
}
