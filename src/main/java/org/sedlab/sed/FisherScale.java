package org.sedlab.sed;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.provenance.ResultTable;
import org.sedlab.sed.EstimatorCost.Method;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@code sedlab fisher-scale} computes: the memory and time of the top-k per-example directions
 * against the batch size N at one checkpoint of a single-task run, materialised against matrix-free
 * ({@link EstimatorCost}); a materialised matrix larger than the memory budget is skipped. Peak memory
 * only grows within a process, so who measures is the caller's {@link Measurer}: the command starts a
 * fresh process for each (method, N); {@link #inThisProcess()} measures here, one after the other.
 */
public final class FisherScale {
    /**
     * Everything that defines the measurement, immutable; {@link #defaults()} gives the command's.
     *
     * @param step  the checkpoint's step; null: the last
     * @param sizes batch sizes N; the domain's size means every pair once, otherwise N are drawn with replacement
     * @param seed  seed of the batch and of Lanczos's start vector
     */
    public record Settings(Long step, List<Integer> sizes, List<Method> methods, int k, long seed, long memoryBudgetMib,
                           FisherSettings fisher) {
        public Settings {
            sizes = List.copyOf(sizes);
            methods = List.copyOf(methods);
        }

        public static Builder defaults() { return new Builder(); }

        /** The settings as JSON, how a measuring child process receives them whole. */
        public String toJson() { return new Gson().toJson(this); }

        public static Settings fromJson(String json) {
            try {
                Settings s = new Gson().fromJson(json, Settings.class);
                if (s == null || s.sizes() == null || s.methods() == null || s.fisher() == null) throw new JsonParseException("incomplete");
                return s;
            } catch (RuntimeException e) { // Gson's parse errors, and a record constructor refusing a missing part
                throw new IllegalArgumentException("not fisher-scale settings: " + json);
            }
        }

        /** These settings measuring one method at one batch size, at a known step. */
        public Settings only(Method method, int n, long atStep) {
            return new Settings(atStep, List.of(n), List.of(method), k, seed, memoryBudgetMib, fisher);
        }

        public static final class Builder {
            private Long step;
            private List<Integer> sizes = List.of(512, 2048, 9409);
            private List<Method> methods = List.of(Method.MATERIALISED, Method.LANCZOS);
            private int k = 3;
            private long seed;
            private long memoryBudgetMib = 4096;
            private FisherSettings fisher = FisherSettings.defaults().build();

            public Builder step(Long step) { this.step = step; return this; }
            public Builder sizes(List<Integer> sizes) { this.sizes = sizes; return this; }
            public Builder methods(List<Method> methods) { this.methods = methods; return this; }
            public Builder k(int k) { this.k = k; return this; }
            public Builder seed(long seed) { this.seed = seed; return this; }
            public Builder memoryBudgetMib(long mib) { this.memoryBudgetMib = mib; return this; }
            public Builder fisher(FisherSettings fisher) { this.fisher = fisher; return this; }

            public Settings build() { return new Settings(step, sizes, methods, k, seed, memoryBudgetMib, fisher); }
        }
    }

    /** Who measures one method at one batch size, and with how much Java heap (recorded with the results). */
    public interface Measurer {
        EstimatorCost measure(Method method, int n);

        long heapMib();
    }

    private final CheckpointSeries series;
    private final Settings settings;
    private final Progress progress;
    private final long step;

    /** Checks the run (single-task) and the step; the work is {@link #run}'s. */
    public FisherScale(CheckpointSeries series, Settings settings, Progress progress) {
        if (series.task().isMultitask()) throw new IllegalArgumentException("fisher-scale measures a single-task run; " + series.root() + " is multitask");
        this.series = series;
        this.settings = settings;
        this.progress = progress;
        this.step = settings.step() != null ? settings.step() : series.step(series.size() - 1);
        series.indexOf(step);
        for (int n : settings.sizes()) series.task().requireBatchSize(n, "--n");
    }

    /** The step of the checkpoint measured. */
    public long step() { return step; }

    /** Measures {@code method} at batch size {@code n} in this process, from the model at the checkpoint to the eigenpairs. */
    public EstimatorCost measure(Method method, int n) {
        Task task = series.task();
        ModOp op = task.ops().get(0);
        GrokTransformer model = new GrokTransformer(task, series.load(series.indexOf(step), DataType.FLOAT));
        Pairs domain = task.domain();
        Pairs pairs = n == domain.size() ? domain : PerExampleBatch.draw(task, op, n, settings.seed());
        return EstimatorCost.measure(method, model, task.head(op), pairs, settings.k(), settings.fisher());
    }

    /** Measurements in this process: each one's peak memory includes those before it. */
    public Measurer inThisProcess() {
        return new Measurer() {
            @Override public EstimatorCost measure(Method method, int n) { return FisherScale.this.measure(method, n); }

            @Override public long heapMib() { return Runtime.getRuntime().maxMemory() >> 20; }
        };
    }

    /** One row per method and N, in that order within each N; the record names the run, the step and the settings. */
    public ResultTable run(Measurer measurer) {
        long attention = series.load(0, DataType.FLOAT).layout().attentionSize();
        Rows rows = new Rows(settings.k());
        for (int n : settings.sizes()) {
            for (Method m : settings.methods()) {
                long bytes = EstimatorCost.matrixBytes(n, attention);
                if (m == Method.MATERIALISED && bytes > settings.memoryBudgetMib() << 20) {
                    progress.say(String.format("%s N=%d: skipped, the matrix needs %.2f GiB (budget %d MiB)", m.id(), n,
                            bytes / (double) (1L << 30), settings.memoryBudgetMib()));
                    rows.skip(m, n, bytes);
                    continue;
                }
                EstimatorCost cost = measurer.measure(m, n);
                progress.say(String.format("%s N=%d: %.1f s, peak RSS %.0f MiB (%.0f before), %d products", m.id(), n, cost.wallSeconds(),
                        cost.peakRssMib(), cost.rssBeforeMib(), cost.products()));
                rows.add(cost, bytes);
            }
        }
        Table table = rows.table("fisher-lanczos scale: " + series.root() + " at step " + step);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", series.root().toString());
        record.put("step", step);
        record.put("sizes", settings.sizes());
        record.put("k", settings.k());
        record.put("seed", settings.seed());
        record.put("memory_budget_mib", settings.memoryBudgetMib());
        record.put("heap_mib_per_measurement", measurer.heapMib());
        record.put("fisher", settings.fisher());
        record.put("batch", "N drawn with replacement from the pair domain by the per-example batch stream; N equal to the domain's size: every pair once");
        record.put("wall_seconds", "from the model at the checkpoint to the eigenpairs; the process's start and the checkpoint's loading are left out");
        return new ResultTable(table, record);
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
