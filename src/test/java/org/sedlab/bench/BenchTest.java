package org.sedlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sedlab.linalg.Numerics;
import org.sedlab.model.Engine;

class BenchTest {
    @Test
    void theWorkloadsAreTheDocumentedOnesInTheirOrder() {
        assertEquals(List.of("train_step_b512", "train_step_multitask_b512", "train_step_sed_projection_b512",
                "train_step_random_projection_b512", "evaluation_all_pairs", "centroids_1024", "coupling_1024", "analysed_checkpoint"),
                List.copyOf(Bench.workloads(Engine.KERNEL).keySet()));
    }

    @Test
    void onlyTheChosenWorkloadIsTimedAndItsLineIsPrintedBetweenTheMachineAndTheMemory() {
        Bench bench = new Bench(new Bench.Settings(List.of(new Bench.Variant(Engine.KERNEL, Numerics.PORTABLE)), 2, 0,
                List.of("train_step_multitask_b512"), false, true));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Bench.Result result = bench.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(1, result.workloads().size());
        WorkloadTiming timing = result.workloads().get(0);
        assertEquals("train_step_multitask_b512", timing.workload());
        assertEquals(2, timing.repetitions());
        assertEquals("train_step_b512", timing.baseline(), "timed against the single-task step");
        assertTrue(timing.floor() != null && timing.floor().flops() > 0, "the kernel's products were recorded");
        assertTrue(timing.torchMedianMs().isEmpty());
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("machine cpu="), lines.get(0));
        assertEquals(timing.line(), lines.get(1));
        assertTrue(lines.get(2).startsWith("peak_rss ours_mib="), lines.get(2));
    }
}
