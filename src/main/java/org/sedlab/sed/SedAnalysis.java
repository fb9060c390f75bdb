package org.sedlab.sed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Parameters;
import org.sedlab.probe.CentroidSpectrum;
import org.sedlab.probe.Coupling;
import org.sedlab.probe.ProbeSet;
import org.sedlab.provenance.ProcessMemory;
import org.sedlab.data.RandomStreams;
import org.sedlab.provenance.ResultFiles;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Scores SED estimators on a run: at evenly spaced checkpoints, for every op of the model, the
 * coupling ratios R_1..R_k of each estimator's basis against the median response to random
 * directions (computed once per checkpoint and op, shared by all estimators and window sizes),
 * their mean R-bar, and the centroids' rank-90, all with the settings' kind of centroid. Writes series.csv and analysis.json into the output folder.
 */
public final class SedAnalysis {
    private final CheckpointSeries series;
    private final AnalysisSettings settings;
    private final Progress progress;
    private final List<EstimatorKind> kinds;


    /** An analysis with the standard estimators. */
    public SedAnalysis(CheckpointSeries series, AnalysisSettings settings, Progress progress) {
        this(series, settings, progress, Estimators.standard());
    }

    /** An analysis whose estimator names are looked up in {@code estimators}; an unknown one fails here. */
    public SedAnalysis(CheckpointSeries series, AnalysisSettings settings, Progress progress, Estimators estimators) {
        this.series = series;
        this.settings = settings;
        this.progress = progress;
        this.kinds = settings.estimators().stream().map(estimators::named).toList();
    }

    /** Runs the analysis; the table has one row per evaluated checkpoint, op and estimator. */
    public Table run(Path outDir) {
        long started = System.nanoTime();
        Task task = series.task();
        for (EstimatorKind kind : kinds) {
            if (kind.needsMultitask() && !task.isMultitask()) {
                throw new IllegalArgumentException(kind.name() + " needs a multitask run: it scores each op of a multitask model with its own data");
            }
            // Check every window against the run before any expensive loading.
            if (kind.windowed()) for (int w : settings.windows()) settings.window().start(0, kind.windowRows().applyAsInt(series), w);
        }
        // The batch is drawn with replacement: beyond the domain it repeats pairs, and far beyond it only costs memory.
        long pairs = task.domain().size();
        task.requireBatchSize(settings.gradientBatch(), "--gradient-batch");
        if (settings.gradientBatch() > pairs) {
            progress.say("note: the gradient batch of " + settings.gradientBatch() + " exceeds the " + pairs
                    + " pairs of this task's domain; drawn with replacement, it repeats pairs");
        }
        Parameters first = series.load(0, DataType.FLOAT);
        GrokTransformer model = new GrokTransformer(task, first);
        EstimatorInputs inputs = new EstimatorInputs(series, model, settings, series.root().resolve("cache"), progress);
        Map<ModOp, ProbeSet> probes = new LinkedHashMap<>();
        for (ModOp op : task.ops()) probes.put(op, ProbeSet.draw(task, op, settings.nProbes(), settings.probeSeed()));
        // Every op is scored by the shared estimators first, then by its own, each group in the settings' order.
        List<SedEstimator> shared = new ArrayList<>();
        Map<ModOp, List<SedEstimator>> perOp = new LinkedHashMap<>();
        for (ModOp op : task.ops()) perOp.put(op, new ArrayList<>());
        for (EstimatorKind kind : kinds) {
            if (kind.scope() == EstimatorKind.Scope.SHARED) shared.addAll(kind.factory().create(inputs, null));
            else for (ModOp op : task.ops()) perOp.get(op).addAll(kind.factory().create(inputs, op));
        }

        Rows rows = new Rows(settings.k());
        List<Map<String, Object>> emptyWindows = new ArrayList<>();
        int[] evaluated = series.evenlySpaced(settings.nCheckpoints());
        RandomStreams streams = new RandomStreams(settings.seed());
        for (int j = 0; j < evaluated.length; j++) {
            int c = evaluated[j];
            series.loadInto(c, model);
            for (ModOp op : task.ops()) {
                ProbeSet probeSet = probes.get(op);
                int rank90 = CentroidSpectrum.of(probeSet.centroids(model, settings.centroid())).rank90();
                Coupling coupling = new Coupling(model, probeSet, settings.centroid(), settings.epsRel());
                double median = coupling.randomBaseline(settings.nRandom(), streams.stream("random-directions-" + op.id(), c)).median();
                List<SedEstimator> estimators = new ArrayList<>(shared);
                estimators.addAll(perOp.get(op));
                for (SedEstimator estimator : estimators) {
                    // A window of W rows spans at most W directions (W = 1: the normalised row itself).
                    int directions = estimator.window() > 0 ? Math.min(settings.k(), estimator.window()) : settings.k();
                    SedBasis basis = estimator.basis(c, directions);
                    double[] r = new double[basis.size()];
                    for (int i = 0; i < r.length; i++) r[i] = coupling.response(basis.direction(i)) / median;
                    if (r.length == 0) emptyWindows.add(emptyWindow(estimator, op, c));
                    rows.add(estimator.name(), estimator.window(), op.id(), series.step(c), r, median, rank90);
                }
            }
            progress.tick("analysis of " + series.root(), j + 1, evaluated.length);
        }
        Table table = rows.toTable("SED coupling: " + series.root());
        List<Map<String, Object>> shortfalls = new ArrayList<>();
        shared.forEach(e -> shortfalls.addAll(e.shortfalls()));
        perOp.values().forEach(list -> list.forEach(e -> shortfalls.addAll(e.shortfalls())));
        write(outDir, table, (System.nanoTime() - started) / 1e9, evaluated.length, emptyWindows, shortfalls);
        return table;
    }

    /**
     * A row without R: the estimator's window had no direction (all its rows zero, e.g. update SED over
     * identical consecutive checkpoints), so there is nothing to couple.
     */
    private Map<String, Object> emptyWindow(SedEstimator estimator, ModOp op, int checkpoint) {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("estimator", estimator.name());
        note.put("W", estimator.window());
        note.put("op", op.id());
        note.put("step", series.step(checkpoint));
        note.put("reason", "the rows of the window are all zero, so it has no direction and R is empty"
                + (estimator.name().equals("update") ? ": the checkpoints it spans are identical" : ""));
        return note;
    }

    private void write(Path outDir, Table table, double seconds, int evaluated, List<Map<String, Object>> emptyWindows,
                       List<Map<String, Object>> shortfalls) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", series.root().toString());
        json.put("task", series.task().name());
        json.put("p", series.task().p());
        json.put("checkpoints_in_run", series.size());
        json.put("checkpoints_evaluated", evaluated);
        json.put("settings", settings);
        json.put("centroid", settings.centroid().description());
        json.put("rows_without_r", emptyWindows);
        // only when there is one, so that a complete analysis's record stays as it was
        if (!shortfalls.isEmpty()) json.put("estimates_short_of_settings", shortfalls);
        json.put("wall_seconds", seconds);
        json.put("seconds_per_checkpoint", seconds / evaluated);
        json.put("peak_rss_mib", Math.round(ProcessMemory.peakRssMib()));
        ResultFiles.write(outDir.resolve("series.csv"), table, outDir.resolve("analysis.json"), json);
    }

    /** Accumulates the result table's columns. */
    private static final class Rows {
        private final int k;
        private final List<Object[]> rows = new ArrayList<>();

        Rows(int k) { this.k = k; }

        void add(String estimator, int w, String op, long step, double[] r, double median, int rank90) {
            rows.add(new Object[]{estimator, w, op, step, r, median, rank90});
        }

        Table toTable(String name) {
            StringColumn estimator = StringColumn.create("estimator");
            IntColumn w = IntColumn.create("W");
            StringColumn op = StringColumn.create("op");
            LongColumn step = LongColumn.create("step");
            DoubleColumn[] rk = new DoubleColumn[k];
            for (int i = 0; i < k; i++) rk[i] = DoubleColumn.create("R" + (i + 1));
            DoubleColumn rbar = DoubleColumn.create("Rbar");
            DoubleColumn median = DoubleColumn.create("random_median");
            IntColumn rank90 = IntColumn.create("rank90");
            for (Object[] row : rows) {
                estimator.append((String) row[0]);
                if ((int) row[1] > 0) w.append((int) row[1]);
                else w.appendMissing();
                op.append((String) row[2]);
                step.append((long) row[3]);
                double[] r = (double[]) row[4];
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    if (i < r.length) {
                        rk[i].append(r[i]);
                        sum += r[i];
                    } else {
                        rk[i].appendMissing();
                    }
                }
                if (r.length > 0) rbar.append(sum / r.length);
                else rbar.appendMissing();
                median.append((double) row[5]);
                rank90.append((int) row[6]);
            }
            Table t = Table.create(name, estimator, w, op, step);
            t.addColumns(rk);
            t.addColumns(rbar, median, rank90);
            return t;
        }
    }
}
