package org.sedlab.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.RandomStreams;
import org.sedlab.data.Split;
import org.sedlab.data.Task;
import org.sedlab.intervention.Intervention;
import org.sedlab.linalg.Blas;
import org.sedlab.linalg.FmaPeak;
import org.sedlab.linalg.Numerics;
import org.sedlab.linalg.PortableGemm;
import org.sedlab.model.Engine;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.optim.AdamWSettings;
import org.sedlab.optim.Optimizer;
import org.sedlab.optim.StepIntervention;
import org.sedlab.probe.CentroidSpectrum;
import org.sedlab.probe.Coupling;
import org.sedlab.probe.ProbeSet;
import org.sedlab.provenance.ProcessMemory;
import org.sedlab.train.Evaluator;

/**
 * What {@code sedlab bench} times: the model's workloads ({@link #workloads}), each run by every
 * variant in turn (A B C A B C ...), with PyTorch's implementation interleaved when asked, and each
 * kernel workload's floor: its matrix products replayed alone by each matrix-multiply library.
 */
public final class Bench {
    /** An engine in a numerics mode: what one column of the bench times. */
    public record Variant(Engine engine, Numerics numerics) {
        public String id() {
            return engine == Engine.KERNEL && numerics == Numerics.FAST ? "kernel_fast" : engine.id();
        }

        Blas.Library library() { return numerics == Numerics.FAST ? Blas.Library.ONEDNN : Blas.Library.PORTABLE; }

        /** The workloads, built and each run with this variant's numerics in force (its buffers are of its kind). */
        Map<String, Runnable> workloads() {
            Map<String, Runnable> built;
            try (Numerics.Scope ignored = Numerics.use(numerics)) {
                built = Bench.workloads(engine);
            }
            Map<String, Runnable> scoped = new LinkedHashMap<>();
            built.forEach((name, w) -> scoped.put(name, () -> {
                try (Numerics.Scope ignored = Numerics.use(numerics)) {
                    w.run();
                }
            }));
            return scoped;
        }
    }

    /**
     * What to time and how often.
     *
     * @param variants the engines and numerics timed, one column each
     * @param repeats  timed repetitions per figure (the analysed checkpoint: a fifth of them, at least 3)
     * @param warmup   untimed repetitions first (the analysed checkpoint: 1)
     * @param only     the workloads timed; empty: all
     * @param peer     also time PyTorch (src/test/python/torch_peer.py, from the repository root), interleaved
     * @param floor    also replay each workload's matrix products alone, when a kernel variant is timed
     */
    public record Settings(List<Variant> variants, int repeats, int warmup, List<String> only, boolean peer, boolean floor) {
        public Settings {
            variants = List.copyOf(variants);
            only = List.copyOf(only);
        }
    }

    /** Every workload's medians, and the peak resident memory of this process (and of PyTorch's, with the peer). */
    public record Result(List<WorkloadTiming> workloads, double peakRssMib, OptionalDouble torchPeakRssMib) {}

    /** Workloads whose line also gives their cost relative to another's, timed alternately with it. */
    private static final Map<String, String> RELATIVE_TO = Map.of("train_step_multitask_b512", "train_step_b512",
            "train_step_sed_projection_b512", "train_step_b512", "train_step_random_projection_b512", "train_step_b512");
    /** Workloads the PyTorch peer does not have (the author's interventions are separate scripts): timed, not compared. */
    private static final Set<String> OURS_ONLY = Set.of("train_step_sed_projection_b512",
            "train_step_random_projection_b512", "evaluation_all_pairs");

    private final Settings settings;
    /** Per variant, its workloads by name. */
    private final List<Map<String, Runnable>> ours = new ArrayList<>();

    /** Builds every variant's workloads on fresh models. */
    public Bench(Settings settings) {
        this.settings = settings;
        for (Variant v : settings.variants()) ours.add(v.workloads());
    }

    /** The workloads' names, in the order they are timed. */
    public Set<String> workloadNames() { return ours.get(0).keySet(); }

    /** Times the workloads, printing the machine, then a line per workload as it is done ({@link WorkloadTiming#line()}), then the memory. */
    public Result run(PrintStream out) {
        List<Variant> timed = settings.variants();
        OptionalDouble peak = settings.floor() ? FmaPeak.gflops() : OptionalDouble.empty();
        out.printf("machine cpu=\"%s\" instruction_set=%s java=%s portable=\"%s\" oneDNN=\"%s\"%s%n", Numerics.cpuModel(), Numerics.instructionSet(),
                System.getProperty("java.version"), PortableGemm.implementation(), Numerics.FAST.describe(),
                peak.isPresent() ? String.format(" fma_peak=%.1f GFLOP/s", peak.getAsDouble()) : "");
        int kernel = -1;
        for (int e = 0; e < timed.size() && kernel < 0; e++) if (timed.get(e).engine() == Engine.KERNEL) kernel = e;
        List<WorkloadTiming> timings = new ArrayList<>();
        try (TorchPeer torch = settings.peer() ? TorchPeer.start() : null) {
            for (String workload : workloadNames()) {
                if (!settings.only().isEmpty() && !settings.only().contains(workload)) continue;
                boolean slow = workload.equals("analysed_checkpoint");
                int n = slow ? Math.max(3, settings.repeats() / 5) : settings.repeats();
                int warm = slow ? 1 : settings.warmup();
                String baseline = RELATIVE_TO.get(workload);
                boolean compared = torch != null && !OURS_ONLY.contains(workload);
                double[][] times = new double[timed.size()][n];
                double[] torchTimes = new double[n];
                double[][] baselineTimes = new double[timed.size()][n];
                GemmReplay floor = kernel < 0 || !settings.floor() ? null : GemmReplay.of(ours.get(kernel).get(workload));
                double[][] floorTimes = new double[Blas.Library.values().length][n];
                for (int i = -warm; i < n; i++) {
                    for (int e = 0; e < timed.size(); e++) {
                        long t0 = System.nanoTime();
                        ours.get(e).get(workload).run();
                        if (i >= 0) times[e][i] = (System.nanoTime() - t0) / 1e6;
                        if (baseline == null) continue;
                        // The baseline runs interleaved with the workload, so their ratio sees the same machine load.
                        long t1 = System.nanoTime();
                        ours.get(e).get(baseline).run();
                        if (i >= 0) baselineTimes[e][i] = (System.nanoTime() - t1) / 1e6;
                    }
                    if (compared) {
                        double ms = torch.time(workload);
                        if (i >= 0) torchTimes[i] = ms;
                    }
                    if (floor != null) floor.timeEachLibrary(floorTimes, i);
                }
                WorkloadTiming timing = new WorkloadTiming(workload, n, timed, medians(times),
                        compared ? OptionalDouble.of(median(torchTimes)) : OptionalDouble.empty(),
                        floor == null ? null : new WorkloadTiming.Floor(floor.flops(), medians(floorTimes), peak),
                        baseline, baseline == null ? null : medians(baselineTimes));
                out.println(timing.line());
                timings.add(timing);
            }
            Result result = new Result(timings, ProcessMemory.peakRssMib(),
                    torch != null ? OptionalDouble.of(torch.peakRssMib()) : OptionalDouble.empty());
            out.printf("peak_rss ours_mib=%.0f%s%n", result.peakRssMib(),
                    torch != null ? String.format(" torch_mib=%.0f", result.torchPeakRssMib().getAsDouble()) : "");
            return result;
        }
    }

    /** The workloads on fresh models computed by {@code engine}; identical inputs for every engine. */
    public static Map<String, Runnable> workloads(Engine engine) {
        Task task = Task.single(ModOp.ADD, 97);
        GrokTransformer model = GrokTransformer.initialised(task, 42, DataType.FLOAT).withEngine(engine);
        RandomStreams streams = new RandomStreams(42);
        Batch batch = Batch.of(task, task.domain().sample(512, streams.stream("bench-batch")));
        ProbeSet probes = ProbeSet.draw(task, ModOp.ADD, 1024, 42);
        INDArray grad = Nd4j.zeros(DataType.FLOAT, model.parameters().layout().size());
        Optimizer optimizer = Optimizer.of(model.parameters(), AdamWSettings.PAPER, 1.0, StepIntervention.NONE);
        Coupling coupling = new Coupling(model, probes, Coupling.DEFAULT_EPS_REL);
        SplittableRandom rng = new SplittableRandom(7);
        long attention = model.parameters().layout().attentionSize();
        long[] step = {0};

        Map<String, Runnable> workloads = new LinkedHashMap<>();
        workloads.put("train_step_b512", () -> {
            model.lossAndGradient(batch, Objective.crossEntropy(), grad);
            optimizer.step(++step[0], model.parameters(), grad);
        });
        workloads.put("train_step_multitask_b512", trainingStep(engine, Task.multitask(97), null));
        workloads.put("train_step_sed_projection_b512",
                trainingStep(engine, task, Intervention.of(Intervention.Mode.C, Intervention.Flavour.GRADIENT)));
        workloads.put("train_step_random_projection_b512",
                trainingStep(engine, task, Intervention.of(Intervention.Mode.E, Intervention.Flavour.GRADIENT)));
        Split split = Split.of(task, 0.5, streams);
        Evaluator evaluator = new Evaluator(model, split);
        workloads.put("evaluation_all_pairs", () -> evaluator.evaluate(model, 0));
        workloads.put("centroids_1024", () -> probes.centroids(model));
        workloads.put("coupling_1024", () -> coupling.response(Nd4j.randn(DataType.FLOAT, attention)));
        workloads.put("analysed_checkpoint", () -> {
            CentroidSpectrum.of(probes.centroids(model)).rank90();
            for (int i = 0; i < 3; i++) coupling.response(Nd4j.randn(DataType.FLOAT, attention));
            coupling.randomBaseline(20, rng);
        });
        return workloads;
    }

    /**
     * A training step on its own model as the trainer takes it: the loss over every head on one fixed
     * batch of 512, clip + AdamW, through an intervention's gradient projection when one is given (its
     * buffer filled first, so that every timed step projects).
     */
    private static Runnable trainingStep(Engine engine, Task task, Intervention intervention) {
        GrokTransformer model = GrokTransformer.initialised(task, 42, DataType.FLOAT).withEngine(engine);
        Batch batch = Batch.of(task, task.domain().sample(512, new RandomStreams(42).stream("bench-batch")));
        INDArray grad = Nd4j.zeros(DataType.FLOAT, model.parameters().layout().size());
        StepIntervention projection = intervention == null ? StepIntervention.NONE
                : intervention.atWork(model.parameters().layout(), new RandomStreams(42));
        Optimizer optimizer = Optimizer.of(model.parameters(), AdamWSettings.PAPER, 1.0, projection);
        long[] step = {0};
        Runnable one = () -> {
            model.lossAndGradient(batch, Objective.crossEntropy(), grad);
            optimizer.step(++step[0], model.parameters(), grad);
        };
        for (int i = 0; intervention != null && i < intervention.window(); i++) one.run();
        return one;
    }

    private static double[] medians(double[][] rows) {
        return Arrays.stream(rows).mapToDouble(Bench::median).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
