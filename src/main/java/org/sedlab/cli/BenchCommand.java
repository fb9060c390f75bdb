package org.sedlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Split;
import org.sedlab.data.Task;
import org.sedlab.intervention.Intervention;
import org.sedlab.linalg.Blas;
import org.sedlab.linalg.Numerics;
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
import org.sedlab.data.RandomStreams;
import org.sedlab.train.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the model's workloads and print one line of medians per workload.",
                "Workloads: a training step (batch 512, clip + AdamW), a multitask training step (four heads, one shared batch), training steps under the rank-3 SED and random gradient projections (each with its ratio to the plain step), an evaluation (loss and accuracy on both splits, every pair), 1024 centroids, one coupling evaluation (a +-eps pair over 1024 probes) and one analysed checkpoint (3 SED + 20 random directions, both signs, plus rank-90).",
                "Each engine (--engines) is timed in turn on its own copy of the model; with --peer, PyTorch's implementation of the same workloads too, interleaved (A B C A B C ...) in one invocation, with the ratio of each engine to PyTorch.",
                "The kernel engine runs in each numerics mode of --numerics (portable: fixed-order Java products, the same bits on every CPU; fast: oneDNN at the CPU's best instruction set), named kernel and kernel_fast.",
                "For the kernel engine each line also gives the workload's matrix-product FLOPs, the rate it achieved, and its floors: the same products (recorded from one run) replayed alone by the portable Java gemm, by oneDNN and by OpenBLAS (what PyTorch uses), timed in the same interleaved loop; floor_fraction is each kernel variant's own floor's share of its time."})
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

    /** An engine in a numerics mode: what one column of the bench times. */
    private record Variant(Engine engine, Numerics numerics) {
        String id() {
            return engine == Engine.KERNEL && numerics == Numerics.FAST ? "kernel_fast" : engine.id();
        }

        Blas.Library library() { return numerics == Numerics.FAST ? Blas.Library.ONEDNN : Blas.Library.PORTABLE; }

        /** The workloads, built and each run with this variant's numerics in force (its buffers are of its kind). */
        Map<String, Runnable> workloads() {
            Map<String, Runnable> built;
            try (Numerics.Scope ignored = Numerics.use(numerics)) {
                built = BenchCommand.workloads(engine);
            }
            Map<String, Runnable> scoped = new java.util.LinkedHashMap<>();
            built.forEach((name, w) -> scoped.put(name, () -> {
                try (Numerics.Scope ignored = Numerics.use(numerics)) {
                    w.run();
                }
            }));
            return scoped;
        }
    }

    @Override
    public Integer call() throws IOException {
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        if (warmup < 0) throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmup);
        List<Variant> timed = new ArrayList<>();
        for (String e : engines) {
            Engine engine = Engine.parse(e);
            if (engine != Engine.KERNEL) {
                timed.add(new Variant(engine, Numerics.PORTABLE));
                continue;
            }
            for (String m : numerics) timed.add(new Variant(engine, Numerics.parse(m)));
        }
        List<Map<String, Runnable>> ours = new ArrayList<>();
        for (Variant v : timed) ours.add(v.workloads());
        for (String name : only != null ? only : new String[0]) {
            if (!ours.get(0).containsKey(name)) {
                throw new IllegalArgumentException("unknown workload '" + name + "' in --only: choose from "
                        + String.join(", ", ours.get(0).keySet()));
            }
        }
        System.out.printf("machine cpu=\"%s\" instruction_set=%s java=%s oneDNN=\"%s\"%n", Numerics.cpuModel(), Numerics.instructionSet(),
                System.getProperty("java.version"), Numerics.FAST.describe());
        int kernel = -1;
        for (int e = 0; e < timed.size() && kernel < 0; e++) if (timed.get(e).engine() == Engine.KERNEL) kernel = e;
        try (Peer torch = peer ? Peer.start() : null) {
            for (String workload : ours.get(0).keySet()) {
                if (only != null && !Arrays.asList(only).contains(workload)) continue;
                boolean slow = workload.equals("analysed_checkpoint");
                int n = slow ? Math.max(3, repeats / 5) : repeats;
                int warm = slow ? 1 : warmup;
                String baseline = RELATIVE_TO.get(workload);
                double[][] times = new double[timed.size() + 1][n];
                double[][] baselineTimes = new double[timed.size()][n];
                GemmReplay floor = kernel < 0 || noFloor ? null : GemmReplay.of(ours.get(kernel).get(workload));
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
                    if (torch != null && !OURS_ONLY.contains(workload)) {
                        double ms = torch.time(workload);
                        if (i >= 0) times[timed.size()][i] = ms;
                    }
                    if (floor != null) floor.timeEachLibrary(floorTimes, i);
                }
                StringBuilder line = new StringBuilder(workload);
                for (int e = 0; e < timed.size(); e++) {
                    line.append(String.format(" %s_median_ms=%.2f", timed.get(e).id(), median(times[e])));
                }
                if (torch != null && !OURS_ONLY.contains(workload)) {
                    double reference = median(times[timed.size()]);
                    line.append(String.format(" torch_median_ms=%.2f", reference));
                    for (int e = 0; e < timed.size(); e++) {
                        line.append(String.format(" ratio_%s=%.2f", timed.get(e).id(), median(times[e]) / reference));
                    }
                }
                if (floor != null) {
                    line.append(String.format(" gflop=%.3f", floor.flops() / 1e9));
                    for (Blas.Library library : Blas.Library.values()) {
                        double f = median(floorTimes[library.ordinal()]);
                        line.append(String.format(" %s_floor_ms=%.2f (%.1f GFLOP/s)", library.name().toLowerCase(java.util.Locale.ROOT), f,
                                floor.flops() / f / 1e6));
                    }
                    for (Variant v : timed) {
                        if (v.engine() != Engine.KERNEL) continue;
                        double ms = median(times[timed.indexOf(v)]);
                        line.append(String.format(" %s_gflops=%.1f %s_floor_fraction=%.2f", v.id(), floor.flops() / ms / 1e6, v.id(),
                                median(floorTimes[v.library().ordinal()]) / ms));
                    }
                }
                for (int e = 0; baseline != null && e < timed.size(); e++) {
                    line.append(String.format(" %s_vs_%s=%.2f (%.2f ms)", timed.get(e).id(), baseline,
                            median(times[e]) / median(baselineTimes[e]), median(baselineTimes[e])));
                }
                System.out.println(line.append(" n=").append(n));
            }
            System.out.printf("peak_rss ours_mib=%.0f%s%n", ProcessMemory.peakRssMib(),
                    torch != null ? String.format(" torch_mib=%.0f", torch.peakRssMib()) : "");
        }
        return 0;
    }

    /** Workloads whose line also gives their cost relative to another's, timed alternately with it. */
    private static final Map<String, String> RELATIVE_TO = Map.of("train_step_multitask_b512", "train_step_b512",
            "train_step_sed_projection_b512", "train_step_b512", "train_step_random_projection_b512", "train_step_b512");
    /** Workloads the PyTorch peer does not have (the author's interventions are separate scripts): timed, not compared. */
    private static final java.util.Set<String> OURS_ONLY = java.util.Set.of("train_step_sed_projection_b512",
            "train_step_random_projection_b512", "evaluation_all_pairs");

    /** The workloads on fresh models computed by {@code engine}; identical inputs for every engine. */
    static Map<String, Runnable> workloads(Engine engine) {
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
                : intervention.atWork(model.parameters().layout().attentionSize(), new RandomStreams(42));
        Optimizer optimizer = Optimizer.of(model.parameters(), AdamWSettings.PAPER, 1.0, projection);
        long[] step = {0};
        Runnable one = () -> {
            model.lossAndGradient(batch, Objective.crossEntropy(), grad);
            optimizer.step(++step[0], model.parameters(), grad);
        };
        for (int i = 0; intervention != null && i < intervention.window(); i++) one.run();
        return one;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** The PyTorch peer process (src/test/python/torch_peer.py), asked to run one workload at a time. */
    private static final class Peer implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;

        private Peer(Process process) {
            this.process = process;
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Peer start() throws IOException {
            Path script = Path.of("src/test/python/torch_peer.py").toAbsolutePath();
            if (!Files.exists(script)) throw new IllegalStateException("run the benchmark from the repository root: " + script + " is missing");
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            try {
                return new Peer(pb.start());
            } catch (IOException e) {
                throw new IllegalStateException("could not start /usr/bin/python3 for the PyTorch peer (apt-get install python3-torch)");
            }
        }

        double time(String workload) {
            return Double.parseDouble(ask(workload));
        }

        double peakRssMib() {
            return Double.parseDouble(ask("rss"));
        }

        private String ask(String request) {
            in.println(request);
            try {
                String line = out.readLine();
                if (line == null) throw new IllegalStateException("the PyTorch peer exited (is python3-torch installed?)");
                return line.substring(line.indexOf(' ') + 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            in.println("quit");
            process.destroy();
        }
    }
}
