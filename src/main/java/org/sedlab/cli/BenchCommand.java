package org.sedlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.optim.AdamW;
import org.sedlab.optim.AdamWSettings;
import org.sedlab.optim.GradientHook;
import org.sedlab.optim.Optimizer;
import org.sedlab.optim.UpdateHook;
import org.sedlab.probe.CentroidSpectrum;
import org.sedlab.probe.Coupling;
import org.sedlab.probe.ProbeSet;
import org.sedlab.provenance.RandomStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the model's workloads and print one line per figure with medians: a training step",
                "(batch 512, clip + AdamW), 1024 centroids, one coupling evaluation (a +-eps pair over 1024 probes)",
                "and one analysed checkpoint (3 SED + 20 random directions, both signs, plus rank-90).",
                "With --peer, runs PyTorch's implementation of the same workloads interleaved (A B A B ...)",
                "in one invocation and prints the ratio ours/PyTorch."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--repeats", defaultValue = "20", description = "timed repetitions per figure (default ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--warmup", defaultValue = "5", description = "untimed repetitions first (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--peer", description = "also time PyTorch (Debian's python3-torch), interleaved")
    boolean peer;
    @Option(names = "--only", split = ",", description = "workloads to time (default: all)")
    String[] only;

    @Override
    public Integer call() throws IOException {
        Task task = Task.single(ModOp.ADD, 97);
        GrokTransformer model = GrokTransformer.initialised(task, 42, DataType.FLOAT);
        RandomStreams streams = new RandomStreams(42);
        Batch batch = Batch.of(task, task.domain().sample(512, streams.stream("bench-batch")));
        ProbeSet probes = ProbeSet.draw(task, ModOp.ADD, 1024, 42);
        INDArray grad = Nd4j.zeros(DataType.FLOAT, model.parameters().layout().size());
        Optimizer optimizer = new Optimizer(new AdamW(AdamWSettings.PAPER, grad.length(), DataType.FLOAT), 1.0,
                GradientHook.NONE, UpdateHook.NONE);
        Coupling coupling = new Coupling(model, probes, Coupling.DEFAULT_EPS_REL);
        SplittableRandom rng = new SplittableRandom(7);
        long attention = model.parameters().layout().attentionSize();
        long[] step = {0};

        Map<String, Runnable> workloads = new LinkedHashMap<>();
        workloads.put("train_step_b512", () -> {
            model.lossAndGradient(batch, Objective.crossEntropy(), grad);
            optimizer.step(++step[0], model.parameters(), grad);
        });
        workloads.put("centroids_1024", () -> probes.centroids(model));
        workloads.put("coupling_1024", () -> coupling.response(Nd4j.randn(DataType.FLOAT, attention)));
        workloads.put("analysed_checkpoint", () -> {
            CentroidSpectrum.of(probes.centroids(model)).rank90();
            for (int i = 0; i < 3; i++) coupling.response(Nd4j.randn(DataType.FLOAT, attention));
            coupling.randomBaseline(20, rng);
        });

        try (Peer torch = peer ? Peer.start() : null) {
            for (Map.Entry<String, Runnable> w : workloads.entrySet()) {
                if (only != null && !Arrays.asList(only).contains(w.getKey())) continue;
                int n = w.getKey().equals("analysed_checkpoint") ? Math.max(3, repeats / 5) : repeats;
                int warm = w.getKey().equals("analysed_checkpoint") ? 1 : warmup;
                double[] ours = new double[n];
                double[] theirs = new double[n];
                for (int i = 0; i < warm; i++) {
                    w.getValue().run();
                    if (torch != null) torch.time(w.getKey());
                }
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    w.getValue().run();
                    ours[i] = (System.nanoTime() - t0) / 1e6;
                    if (torch != null) theirs[i] = torch.time(w.getKey());
                }
                if (torch == null) {
                    System.out.printf("%s median_ms=%.2f p10_ms=%.2f p90_ms=%.2f n=%d%n", w.getKey(), median(ours),
                            quantile(ours, 0.1), quantile(ours, 0.9), n);
                } else {
                    System.out.printf("%s ours_median_ms=%.2f torch_median_ms=%.2f ratio=%.2f n=%d%n", w.getKey(),
                            median(ours), median(theirs), median(ours) / median(theirs), n);
                }
            }
            System.out.printf("peak_rss ours_mib=%.0f%s%n", peakRssMib(),
                    torch != null ? String.format(" torch_mib=%.0f", torch.peakRssMib()) : "");
        }
        return 0;
    }

    private static double median(double[] v) { return quantile(v, 0.5); }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
    }

    private static double peakRssMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
        return Double.NaN;
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
