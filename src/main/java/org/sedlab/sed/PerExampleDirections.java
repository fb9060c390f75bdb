package org.sedlab.sed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.NativeMemory;
import org.sedlab.probe.ProbeSet;
import org.sedlab.provenance.ProcessMemory;
import org.sedlab.provenance.ResultTable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What {@code sedlab per-example} computes: the per-example gradient directions of the paper's Table 3
 * at chosen checkpoints of a run. For each, R of the batch's mean gradient, R of the top-k centred
 * per-example directions and their |cosines| to the mean gradient; with fisher-lanczos the directions
 * come matrix-free from Lanczos, with its eigenvalues and the products spent, and optionally beside the
 * exact SVD on the same batch ({@link FisherAgreement}).
 */
public final class PerExampleDirections {
    /** How the directions are found: the materialised per-example SVD, or Lanczos without the N x P matrix. */
    public enum Estimator {
        EXACT("exact"), FISHER_LANCZOS(FisherLanczosEstimator.NAME);

        private final String id;

        Estimator(String id) { this.id = id; }

        public String id() { return id; }
    }

    /**
     * Everything that defines the measurement, immutable; {@link #defaults()} gives the paper's.
     *
     * @param op           the op measured; null: the run's first
     * @param steps        the checkpoints' steps; empty: the first, middle and last checkpoint
     * @param againstExact with fisher-lanczos (ignored otherwise): also the exact SVD on the same batch, and how far the two agree
     * @param seed         seed of the per-example batch and of the random directions
     */
    public record Settings(ModOp op, List<Long> steps, int batch, int k, Estimator estimator, boolean againstExact,
                           FisherSettings fisher, int nProbes, long probeSeed, double epsRel, int nRandom, long seed) {
        public Settings {
            steps = List.copyOf(steps);
        }

        public static Builder defaults() { return new Builder(); }

        /** Fluent builder; unset values are the paper's (and the command's defaults). */
        public static final class Builder {
            private ModOp op;
            private List<Long> steps = List.of();
            private int batch = 512;
            private int k = 3;
            private Estimator estimator = Estimator.EXACT;
            private boolean againstExact;
            private FisherSettings fisher = FisherSettings.defaults().build();
            private int nProbes = ProbeSet.DEFAULT_SIZE;
            private long probeSeed;
            private double epsRel = 0.005;
            private int nRandom = 20;
            private long seed;

            public Builder op(ModOp op) { this.op = op; return this; }
            public Builder steps(List<Long> steps) { this.steps = steps; return this; }
            public Builder batch(int batch) { this.batch = batch; return this; }
            public Builder k(int k) { this.k = k; return this; }
            public Builder estimator(Estimator estimator) { this.estimator = estimator; return this; }
            public Builder againstExact(boolean againstExact) { this.againstExact = againstExact; return this; }
            public Builder fisher(FisherSettings fisher) { this.fisher = fisher; return this; }
            public Builder nProbes(int n) { this.nProbes = n; return this; }
            public Builder probeSeed(long seed) { this.probeSeed = seed; return this; }
            public Builder epsRel(double epsRel) { this.epsRel = epsRel; return this; }
            public Builder nRandom(int n) { this.nRandom = n; return this; }
            public Builder seed(long seed) { this.seed = seed; return this; }

            public Settings build() {
                return new Settings(op, steps, batch, k, estimator, againstExact, fisher, nProbes, probeSeed, epsRel, nRandom, seed);
            }
        }
    }

    private final CheckpointSeries series;
    private final Settings settings;
    private final Progress progress;
    private final ModOp op;
    private final long[] steps;

    /** Checks the steps against the run; the work is {@link #run()}'s. */
    public PerExampleDirections(CheckpointSeries series, Settings settings, Progress progress) {
        this.series = series;
        this.settings = settings;
        this.progress = progress;
        this.op = settings.op() != null ? settings.op() : series.task().ops().get(0);
        this.steps = !settings.steps().isEmpty() ? settings.steps().stream().mapToLong(Long::longValue).toArray()
                : new long[]{series.step(0), series.step(series.size() / 2), series.step(series.size() - 1)};
        for (long s : steps) series.indexOf(s);
        if (java.util.Arrays.stream(steps).distinct().count() < steps.length) {
            throw new IllegalArgumentException("--steps names a step twice (" + java.util.Arrays.toString(steps) + "): name each once");
        }
        series.task().requireBatchSize(settings.batch(), "--batch");
        if (settings.estimator() == Estimator.EXACT || settings.againstExact()) {
            long bytes = (long) settings.batch() * series.load(0, DataType.FLOAT).layout().attentionSize() * Float.BYTES;
            NativeMemory.requireRoom(bytes, "the exact SVD's matrix of --batch " + settings.batch() + " per-example gradients",
                    "lower --batch, or use --estimator fisher-lanczos, which never forms it");
        }
    }

    /** One row per step; the record names the run, the op, the steps and the settings. */
    public ResultTable run() {
        boolean lanczos = settings.estimator() == Estimator.FISHER_LANCZOS;
        boolean againstExact = lanczos && settings.againstExact();
        GrokTransformer model = new GrokTransformer(series.task(), series.load(0, DataType.FLOAT));
        DirectionScores.Scoring scoring = new DirectionScores.Scoring(ProbeSet.draw(series.task(), op, settings.nProbes(), settings.probeSeed()),
                settings.epsRel(), settings.nRandom(), settings.seed());
        Columns columns = new Columns(settings.k(), lanczos, againstExact);
        int head = series.task().head(op);
        for (long s : steps) {
            series.loadInto(series.indexOf(s), model);
            if (againstExact) {
                columns.add(FisherAgreement.at(model, s, op, settings.batch(), settings.k(), settings.fisher(), scoring, progress));
                continue;
            }
            Pairs pairs = PerExampleBatch.draw(series.task(), op, settings.batch(), settings.seed());
            if (lanczos) {
                FisherLanczos.Result r = FisherLanczos.topK(model, head, pairs, settings.k(), settings.fisher());
                columns.add(scoring.score(model, s, r.basis(), PerExampleBatch.meanGradient(model, head, pairs)), r);
            } else {
                PerExampleGradientSvd.Result r = PerExampleGradientSvd.of(model, head, pairs, settings.k(), progress);
                columns.add(scoring.score(model, s, r.basis(), r.meanGradient()));
            }
        }
        Table table = columns.table((lanczos ? "fisher-lanczos" : "per-example gradient SVD") + ": " + series.root());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", series.root().toString());
        record.put("task", series.task().name());
        record.put("op", op.id());
        record.put("steps", steps);
        record.put("estimator", settings.estimator().id());
        record.put("settings", Map.of("batch", settings.batch(), "k", settings.k(), "n_probes", settings.nProbes(), "n_random",
                settings.nRandom(), "eps_rel", settings.epsRel(), "seed", settings.seed(), "probe_seed", settings.probeSeed()));
        if (lanczos) {
            record.put("fisher", settings.fisher());
            record.put("against_exact", againstExact);
        }
        record.put("centred", !lanczos || settings.fisher().centred());
        if (lanczos) record.put("peak_rss_mib", Math.round(ProcessMemory.peakRssMib()));
        return new ResultTable(table, record);
    }

    /** The result table's columns: Table 3's, then Lanczos's eigenvalues and cost, then the comparison with the exact SVD. */
    private static final class Columns {
        final int k;
        final boolean lanczos;
        final boolean againstExact;
        final LongColumn step = LongColumn.create("step");
        final DoubleColumn meanR = DoubleColumn.create("R_mean_gradient");
        final DoubleColumn[] r;
        final DoubleColumn[] cos;
        final DoubleColumn[] lambda;
        final IntColumn products = IntColumn.create("products");
        final BooleanColumn converged = BooleanColumn.create("converged");
        final DoubleColumn[] exactLambda;
        final DoubleColumn[] exactR;
        final DoubleColumn[] exactCos;
        final DoubleColumn[] principalCos;
        final DoubleColumn[] directionCos;

        Columns(int k, boolean lanczos, boolean againstExact) {
            this.k = k;
            this.lanczos = lanczos;
            this.againstExact = againstExact;
            r = numbered("R");
            cos = numbered("cos");
            lambda = numbered("lambda");
            exactLambda = numbered("exact_lambda");
            exactR = numbered("exact_R");
            exactCos = numbered("exact_cos");
            principalCos = numbered("principal_cos");
            directionCos = numbered("direction_cos");
        }

        private DoubleColumn[] numbered(String prefix) {
            DoubleColumn[] c = new DoubleColumn[k];
            for (int i = 0; i < k; i++) c[i] = DoubleColumn.create(prefix + (i + 1));
            return c;
        }

        void add(DirectionScores scores) {
            step.append(scores.step());
            meanR.append(scores.meanGradientR());
            fill(r, scores.directionR());
            fill(cos, scores.cosineToMean());
        }

        void add(DirectionScores scores, FisherLanczos.Result result) {
            add(scores);
            fill(lambda, result.eigenvalues());
            products.append(result.products());
            converged.append(result.converged());
        }

        void add(FisherAgreement a) {
            add(a.lanczosScores(), a.lanczos());
            fill(exactLambda, a.exact().eigenvalues());
            fill(exactR, a.exactScores().directionR());
            fill(exactCos, a.exactScores().cosineToMean());
            fill(principalCos, a.principalCosines());
            fill(directionCos, a.directionCosines());
        }

        /** A basis of fewer than k directions (a batch of rank below k) leaves the rest empty. */
        private static void fill(DoubleColumn[] columns, double[] values) {
            for (int i = 0; i < columns.length; i++) {
                if (i < values.length) columns[i].append(values[i]);
                else columns[i].appendMissing();
            }
        }

        Table table(String name) {
            List<Column<?>> all = new ArrayList<>(List.of(step, meanR));
            all.addAll(List.of(r));
            all.addAll(List.of(cos));
            if (lanczos) {
                all.addAll(List.of(lambda));
                all.addAll(List.of(products, converged));
            }
            if (againstExact) {
                for (DoubleColumn[] group : List.of(exactLambda, exactR, exactCos, principalCos, directionCos)) all.addAll(List.of(group));
            }
            return Table.create(name, all.toArray(Column<?>[]::new));
        }
    }
}
