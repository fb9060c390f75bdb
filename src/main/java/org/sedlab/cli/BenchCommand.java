package org.sedlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sedlab.bench.Bench;
import org.sedlab.linalg.Numerics;
import org.sedlab.model.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the model's workloads and print one line of medians per workload.",
                "Workloads: a training step (batch 512, clip + AdamW), a multitask training step (four heads, one shared batch), training steps under the rank-3 SED and random gradient projections (each with its ratio to the plain step), an evaluation (loss and accuracy on both splits, every pair), 1024 centroids, one coupling evaluation (a +-eps pair over 1024 probes) and one analysed checkpoint (3 SED + 20 random directions, both signs, plus rank-90).",
                "Each engine (--engines) is timed in turn on its own copy of the model; with --peer, PyTorch's implementation of the same workloads too, interleaved (A B C A B C ...) in one invocation, with the ratio of each engine to PyTorch.",
                "The kernel engine runs in each numerics mode of --numerics (portable: fixed-order products, native or Java, the same bits on every CPU; fast: oneDNN at the CPU's best instruction set), named kernel and kernel_fast.",
                "For the kernel engine each line also gives the workload's matrix-product FLOPs, the rate it achieved, and its floors: the same products (recorded from one run) replayed alone by the portable gemm (the route the header names), by oneDNN and by OpenBLAS (what PyTorch uses), timed in the same interleaved loop; floor_fraction is each kernel variant's own floor's share of its time. The header gives the core's FMA peak (independent fused multiply-adds at the native library's level), which bounds every floor: fma_peak_ms is the products' time at that rate, and each floor says what share of the peak it reaches."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--repeats", defaultValue = "20", description = "timed repetitions per figure (default ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--warmup", defaultValue = "5", description = "untimed repetitions first (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--peer", description = "also time PyTorch (Debian's python3-torch), interleaved")
    boolean peer;
    @Option(names = "--only", split = ",", description = "workloads to time (default: all)")
    String[] only;
    @Option(names = "--no-floor", description = "skip the matrix-product floor replays (to profile the workloads alone)")
    boolean noFloor;
    @Option(names = "--engines", split = ",", defaultValue = "kernel",
            description = "engines to time: kernel, samediff or both (default ${DEFAULT-VALUE})")
    String[] engines;
    @Option(names = "--numerics", split = ",", defaultValue = "portable",
            description = "numerics modes for the kernel engine: portable, fast or both (default ${DEFAULT-VALUE})")
    String[] numerics;

    @Override
    public Integer call() {
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        if (warmup < 0) throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmup);
        List<Bench.Variant> timed = new ArrayList<>();
        for (String e : engines) {
            Engine engine = Engine.parse(e);
            if (engine != Engine.KERNEL) {
                timed.add(new Bench.Variant(engine, Numerics.PORTABLE));
                continue;
            }
            for (String m : numerics) timed.add(new Bench.Variant(engine, Numerics.parse(m)));
        }
        List<String> workloads = only != null ? List.of(only) : List.of();
        Bench bench = new Bench(new Bench.Settings(timed, repeats, warmup, workloads, peer, !noFloor));
        for (String name : workloads) {
            if (!bench.workloadNames().contains(name)) {
                throw new IllegalArgumentException("unknown workload '" + name + "' in --only: choose from "
                        + String.join(", ", bench.workloadNames()));
            }
        }
        bench.run(System.out);
        return 0;
    }
}
