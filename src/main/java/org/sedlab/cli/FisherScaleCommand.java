package org.sedlab.cli;

import com.google.gson.Gson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.sedlab.sed.CheckpointSeries;
import org.sedlab.sed.EstimatorCost;
import org.sedlab.sed.EstimatorCost.Method;
import org.sedlab.sed.FisherScale;
import org.sedlab.sed.Progress;
import org.sedlab.sweep.SweepLeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fisher-scale", mixinStandardHelpOptions = true,
        description = {"Memory and time of the top-k per-example directions against the batch size N, at one checkpoint.",
                "Materialised (the N x P per-example gradients, then Lanczos on them) against matrix-free fisher-lanczos.",
                "Each (method, N) runs in a fresh process, whose peak resident memory is its own; the materialised matrix is skipped where it exceeds --memory-budget-mib."})
final class FisherScaleCommand implements Callable<Integer> {
    private static final String RESULT = "fisher-scale-result ";
    /** Room for the materialised matrix in the measuring process's native memory (ND4J's cap is the heap size otherwise). */
    private static final List<String> NATIVE_ROOM = List.of("-Dorg.bytedeco.javacpp.maxbytes=12g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=16g");

    @Option(names = "--run", required = true, description = "run directory")
    Path run;
    @Option(names = "--step", description = "checkpoint step (default: the last)")
    Long step;
    @Option(names = "--n", split = ",", defaultValue = "512,2048,9409", description = "batch sizes; the domain's size means every pair once (default ${DEFAULT-VALUE})")
    int[] sizes;
    @Option(names = "--methods", split = ",", defaultValue = "materialised,lanczos", description = "materialised, lanczos (default ${DEFAULT-VALUE})")
    String[] methods;
    @Option(names = "--k", defaultValue = "3", description = "eigenpairs (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the batch and of Lanczos's start vector (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--memory-budget-mib", defaultValue = "4096", description = "largest materialised matrix measured (default ${DEFAULT-VALUE})")
    long budgetMib;
    /**
     * Both methods keep their data off the Java heap; with the launcher's 1 GiB heap, the collector let
     * the heap grow with the allocations of more chunks (Lanczos at N = 9409: 539 MiB peak RSS, 263 MiB
     * with a 256 MiB heap), which would read as memory the method needs.
     */
    @Option(names = "--heap-mib", defaultValue = "256", description = "Java heap of each measuring process (default ${DEFAULT-VALUE})")
    int heapMib;
    @Option(names = "--out", description = "output CSV (default <run>/analysis/fisher-scale.csv)")
    Path out;
    @Mixin FisherOptions fisher;
    @Option(names = "--measure", hidden = true, description = "in a child process: measure with these settings (JSON), one method at one size")
    String measure;

    @Override
    public Integer call() {
        if (measure != null) {
            FisherScale.Settings one = FisherScale.Settings.fromJson(measure);
            FisherScale scale = new FisherScale(CheckpointSeries.open(run, null), one, new Progress(System.out));
            System.out.println(RESULT + new Gson().toJson(scale.measure(one.methods().get(0), one.sizes().get(0))));
            return 0;
        }
        if (k < 1) throw new IllegalArgumentException("--k must be at least 1, got " + k);
        if (heapMib < 64) throw new IllegalArgumentException("--heap-mib must be at least 64, got " + heapMib);
        for (int n : sizes) if (n < k) throw new IllegalArgumentException("--n must be at least --k=" + k + ", got " + n);
        List<Method> chosen = new ArrayList<>();
        for (String m : methods) chosen.add(Method.parse(m));
        FisherScale.Settings settings = FisherScale.Settings.defaults().step(step).sizes(IntStream.of(sizes).boxed().toList())
                .methods(chosen).k(k).seed(seed).memoryBudgetMib(budgetMib).fisher(fisher.settings(seed)).build();
        FisherScale scale = new FisherScale(CheckpointSeries.open(run, null), settings, new Progress(System.out));
        Path file = OutputPaths.file(out != null ? out : run.resolve("analysis").resolve("fisher-scale.csv"), "--out");
        ConsoleTables.publish(file, scale.run(new ChildProcesses(settings, scale.step())));
        return 0;
    }

    /** Each measurement in a new JVM like this one, running this command with --measure: its peak memory is its own. */
    private final class ChildProcesses implements FisherScale.Measurer {
        private final FisherScale.Settings settings;
        private final long step;

        ChildProcesses(FisherScale.Settings settings, long step) {
            this.settings = settings;
            this.step = step;
        }

        @Override
        public long heapMib() { return heapMib; }

        /** Runs the child and reads its one result line; the rest of its output is passed on. */
        @Override
        public EstimatorCost measure(Method method, int n) {
            List<String> args = List.of("fisher-scale", "--run", run.toString(), "--measure", settings.only(method, n, step).toJson());
            List<String> command = new ArrayList<>(JvmCommand.sedlab(args));
            // After this JVM's own options (the last -Xmx counts), before the class path.
            List<String> options = new ArrayList<>(NATIVE_ROOM);
            options.add("-Xmx" + heapMib + "m");
            command.addAll(command.indexOf("-cp"), options);
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
                SweepLeader.lead(pb); // the child exits with this process, however it ends
                Process child = pb.start();
                EstimatorCost cost = null;
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith(RESULT)) cost = new Gson().fromJson(line.substring(RESULT.length()), EstimatorCost.class);
                        else System.out.println(line);
                    }
                }
                int exit = child.waitFor();
                if (exit != 0 || cost == null) {
                    throw new UncheckedIOException(new IOException("the measurement of " + method.id() + " at N=" + n + " failed (exit " + exit + ")"));
                }
                return cost;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring " + method.id() + " at N=" + n, e);
            }
        }
    }
}
