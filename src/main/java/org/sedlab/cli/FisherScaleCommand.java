package org.sedlab.cli;

import com.google.gson.Gson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.io.TableFiles;
import org.sedlab.model.GrokTransformer;
import org.sedlab.provenance.ResultRecord;
import org.sedlab.sed.CheckpointSeries;
import org.sedlab.sed.EstimatorCost;
import org.sedlab.sed.EstimatorCost.Method;
import org.sedlab.sed.FisherSettings;
import org.sedlab.sed.PerExampleBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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
    @Option(names = "--measure", hidden = true, description = "in a child process: measure this method at the one size given")
    String measure;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (k < 1) throw new IllegalArgumentException("--k must be at least 1, got " + k);
        if (heapMib < 64) throw new IllegalArgumentException("--heap-mib must be at least 64, got " + heapMib);
        for (int n : sizes) if (n < k) throw new IllegalArgumentException("--n must be at least --k=" + k + ", got " + n);
        List<Method> chosen = new ArrayList<>();
        for (String m : methods) chosen.add(Method.parse(m));
        FisherSettings settings = fisher.settings(seed);
        CheckpointSeries series = CheckpointSeries.open(run, null);
        if (series.task().isMultitask()) throw new IllegalArgumentException("fisher-scale measures a single-task run; " + run + " is multitask");
        long at = step != null ? step : series.step(series.size() - 1);
        if (!series.steps().contains(at)) throw new IllegalArgumentException("the run has no checkpoint at step " + at
                + "; steps run from " + series.step(0) + " to " + series.step(series.size() - 1));
        if (measure != null) return measureHere(series, at, Method.parse(measure), settings);

        Path file = OutputPaths.file(out != null ? out : run.resolve("analysis").resolve("fisher-scale.csv"), "--out");
        long attention = series.load(0, DataType.FLOAT).layout().attentionSize();
        Rows rows = new Rows(k);
        for (int n : sizes) {
            for (Method m : chosen) {
                long bytes = EstimatorCost.matrixBytes(n, attention);
                if (m == Method.MATERIALISED && bytes > budgetMib << 20) {
                    System.out.printf("%s N=%d: skipped, the matrix needs %.2f GiB (budget %d MiB)%n", m.id(), n, bytes / (double) (1L << 30), budgetMib);
                    rows.skip(m, n, bytes);
                    continue;
                }
                EstimatorCost cost = inChildProcess(m, n, at);
                System.out.printf("%s N=%d: %.1f s, peak RSS %.0f MiB (%.0f before), %d products%n", m.id(), n, cost.wallSeconds(),
                        cost.peakRssMib(), cost.rssBeforeMib(), cost.products());
                rows.add(cost, bytes);
            }
        }
        Table table = rows.table("fisher-lanczos scale: " + run + " at step " + at);
        TableFiles.writeCsv(table, file);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", run.toString());
        record.put("step", at);
        record.put("sizes", sizes);
        record.put("k", k);
        record.put("seed", seed);
        record.put("memory_budget_mib", budgetMib);
        record.put("heap_mib_per_measurement", heapMib);
        record.put("fisher", settings);
        record.put("batch", "N drawn with replacement from the pair domain by the per-example batch stream; N equal to the domain's size: every pair once");
        record.put("wall_seconds", "from the model at the checkpoint to the eigenpairs; the process's start and the checkpoint's loading are left out");
        Path json = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.csv$", "") + ".json");
        ResultRecord.write(json, record);
        System.out.println(ConsoleTables.print(table));
        System.out.println("wrote " + file + " and " + json);
        return 0;
    }

    private int measureHere(CheckpointSeries series, long at, Method method, FisherSettings settings) {
        if (sizes.length != 1) throw new IllegalArgumentException("--measure takes one --n");
        Task task = series.task();
        ModOp op = task.ops().get(0);
        GrokTransformer model = new GrokTransformer(task, series.load(series.steps().indexOf(at), DataType.FLOAT));
        int n = sizes[0];
        Pairs domain = task.domain();
        Pairs pairs = n == domain.size() ? domain : PerExampleBatch.draw(task, op, n, seed);
        EstimatorCost cost = EstimatorCost.measure(method, model, task.head(op), pairs, k, settings);
        System.out.println(RESULT + new Gson().toJson(cost));
        return 0;
    }

    /** Runs this command with --measure in a new JVM like this one and reads its one result line. */
    private EstimatorCost inChildProcess(Method method, int n, long at) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("fisher-scale", "--run", run.toString(), "--step", String.valueOf(at),
                "--n", String.valueOf(n), "--k", String.valueOf(k), "--seed", String.valueOf(seed), "--measure", method.id()));
        if (fisher.uncentred) args.add("--uncentred");
        if (fisher.maxProducts != null) args.addAll(List.of("--max-products", String.valueOf(fisher.maxProducts)));
        if (fisher.tolerance != null) args.addAll(List.of("--ritz-tolerance", String.valueOf(fisher.tolerance)));
        List<String> command = new ArrayList<>(JvmCommand.sedlab(args));
        // After this JVM's own options (the last -Xmx counts), before the class path.
        List<String> options = new ArrayList<>(NATIVE_ROOM);
        options.add("-Xmx" + heapMib + "m");
        command.addAll(command.indexOf("-cp"), options);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
    }

    /** The result table: one row per method and N, skipped rows with the matrix size that ruled them out. */
    private static final class Rows {
        final StringColumn method = StringColumn.create("method");
        final IntColumn n = IntColumn.create("N");
        final DoubleColumn matrixGib = DoubleColumn.create("matrix_gib");
        final BooleanColumn measured = BooleanColumn.create("measured");
        final DoubleColumn seconds = DoubleColumn.create("wall_seconds");
        final DoubleColumn before = DoubleColumn.create("rss_before_mib");
        final DoubleColumn peak = DoubleColumn.create("peak_rss_mib");
        final IntColumn products = IntColumn.create("products");
        final DoubleColumn perPair = DoubleColumn.create("products_per_eigenpair");
        final BooleanColumn converged = BooleanColumn.create("converged");
        final DoubleColumn[] lambda;
        final int k;

        Rows(int k) {
            this.k = k;
            lambda = new DoubleColumn[k];
            for (int i = 0; i < k; i++) lambda[i] = DoubleColumn.create("lambda" + (i + 1));
        }

        void add(EstimatorCost c, long bytes) {
            method.append(c.method().id());
            n.append(c.n());
            matrixGib.append(bytes / (double) (1L << 30));
            measured.append(true);
            seconds.append(c.wallSeconds());
            before.append(c.rssBeforeMib());
            peak.append(c.peakRssMib());
            products.append(c.products());
            perPair.append(c.products() / (double) k);
            converged.append(c.converged());
            for (int i = 0; i < k; i++) lambda[i].append(c.eigenvalues()[i]);
        }

        void skip(Method m, int size, long bytes) {
            method.append(m.id());
            n.append(size);
            matrixGib.append(bytes / (double) (1L << 30));
            measured.append(false);
            seconds.appendMissing();
            before.appendMissing();
            peak.appendMissing();
            products.appendMissing();
            perPair.appendMissing();
            converged.appendMissing();
            for (DoubleColumn l : lambda) l.appendMissing();
        }

        Table table(String name) {
            Table t = Table.create(name, method, n, matrixGib, measured, seconds, before, peak, products, perPair, converged);
            t.addColumns(lambda);
            return t;
        }
    }
}
