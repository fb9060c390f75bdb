package org.sedlab.paper.section4;

import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sedlab.model.ParameterLayout;
import org.sedlab.paper.section3.Section3;
import org.sedlab.report.EstimatorRows;
import org.sedlab.report.PaperNumbers;
import org.sedlab.report.SectionData;
import org.sedlab.report.SeedColumns;
import org.sedlab.report.Statistics;
import org.sedlab.report.TableStyle;
import org.sedlab.sweep.UnitBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's Section 4 from our multitask results: the shared-encoder model, grok steps per op,
 * peak and final R-bar of the three estimators, and the decomposition of the gap between them. A
 * cell whose unit is not computed yet is empty.
 */
public final class Section4Tables {
    /** The statements of the paper's Section 4 that a row is checked against. */
    static final String PAPER_UPDATE = "update < 1";
    static final String PAPER_PER_OP = "per-op gradient 20-45";

    private final SectionData data;

    public Section4Tables(SectionData data) { this.data = data; }

    /** The shared-encoder model: which parameters every op shares and which belong to one op's head. */
    public static Table sharedEncoder(ParameterLayout layout) {
        Map<String, long[]> parts = new LinkedHashMap<>();
        for (String key : layout.stateDictOrder()) {
            long[] tensorsAndValues = parts.computeIfAbsent(part(key), k -> new long[2]);
            tensorsAndValues[0]++;
            tensorsAndValues[1] += layout.slot(key).size();
        }
        StringColumn part = StringColumn.create("part");
        StringColumn usedBy = StringColumn.create("used by");
        LongColumn tensors = LongColumn.create("tensors");
        LongColumn values = LongColumn.create("values");
        parts.forEach((name, n) -> {
            part.append(name);
            usedBy.append(name.startsWith("head_") ? name.substring(5) + " only" : "all four ops");
            tensors.append(n[0]);
            values.append(n[1]);
        });
        return Table.create("The multitask model: one shared encoder, four heads (" + layout.size() + " parameters)",
                part, usedBy, tensors, values);
    }

    private static String part(String key) {
        if (key.startsWith("tok_emb") || key.startsWith("pos_emb")) return "embeddings";
        if (key.startsWith("encoder.layers.")) return "encoder layer " + key.split("\\.")[2];
        if (key.startsWith("ln.")) return "final LayerNorm";
        return key.substring(0, key.indexOf('.'));
    }

    /** The seeds the tables show: the paper's, then each further seed whose run is trained. */
    public List<Long> seedsShown() {
        return SeedColumns.shown(Section4.SEEDS, seed -> data.hasRun(run(seed)));
    }

    /** Per seed: each op's grok step (3 consecutive evaluations at test accuracy >= 0.98), where the run stopped, its time. */
    public Table grokSteps() {
        LongColumn seed = LongColumn.create("seed");
        Map<String, DoubleColumn> perOp = new LinkedHashMap<>();
        for (String op : Section3.OPS) perOp.put(op, DoubleColumn.create(op));
        DoubleColumn stopped = DoubleColumn.create("stopped at");
        DoubleColumn minTest = DoubleColumn.create("lowest final test acc");
        DoubleColumn minutes = DoubleColumn.create("training minutes");
        for (long s : seedsShown()) {
            seed.append(s);
            String run = run(s);
            boolean has = data.hasRun(run);
            var json = has ? data.run(run) : null;
            for (String op : Section3.OPS) {
                var steps = json == null || !json.has("grok_steps") ? null : json.getAsJsonObject("grok_steps").get(op);
                perOp.get(op).append(steps == null || steps.isJsonNull() ? Double.NaN : steps.getAsDouble());
            }
            stopped.append(has ? json.get("steps_completed").getAsDouble() : Double.NaN);
            minutes.append(has ? json.get("wall_seconds").getAsDouble() / 60 : Double.NaN);
            double lowest = Double.NaN;
            if (has) {
                Table m = data.metrics(run);
                lowest = 1;
                for (String op : Section3.OPS) lowest = Math.min(lowest, m.doubleColumn("test_acc_" + op).getDouble(m.rowCount() - 1));
            }
            minTest.append(lowest);
        }
        Table t = Table.create("Multitask grok step per op (3 consecutive evaluations with test accuracy >= 0.98)", seed);
        perOp.values().forEach(t::addColumns);
        t.addColumns(stopped, minTest, minutes);
        return TableStyle.rounded(t);
    }

    /** Per seed and op: peak and final R-bar of the three estimators (and update SED's median); the paper's statements beside. */
    public Table peaks() {
        LongColumn seed = LongColumn.create("seed");
        StringColumn op = StringColumn.create("op");
        String[] names = {"update peak", "update peak after init", "update median", "update final", "update below 1 from step",
                "aggregated gradient peak",
                "aggregated gradient median", "aggregated gradient final", "per-op gradient peak", "per-op gradient median",
                "per-op gradient final"};
        DoubleColumn[] c = new DoubleColumn[names.length];
        for (int i = 0; i < c.length; i++) c[i] = DoubleColumn.create(names[i]);
        StringColumn paper = StringColumn.create("paper");
        for (long s : seedsShown()) {
            String unit = Section4.sedId(run(s));
            Table series = data.has(unit) ? data.series(unit) : null;
            for (String o : Section3.OPS) {
                seed.append(s);
                op.append(o);
                double[] update = rbar(series, Section4.UPDATE, o);
                double[] aggregated = rbar(series, Section4.AGGREGATED_GRADIENT, o);
                double[] perOp = rbar(series, Section4.PER_OP_GRADIENT, o);
                c[0].append(max(update, 0));
                c[1].append(max(update, 1));
                c[2].append(Statistics.median(update));
                c[3].append(last(update));
                c[4].append(series == null ? Double.NaN : belowFrom(update, steps(series, Section4.UPDATE, o), PaperNumbers.MULTITASK_UPDATE_CEILING));
                c[5].append(max(aggregated, 0));
                c[6].append(Statistics.median(aggregated));
                c[7].append(last(aggregated));
                c[8].append(max(perOp, 0));
                c[9].append(Statistics.median(perOp));
                c[10].append(last(perOp));
                paper.append(PAPER_UPDATE + "; " + PAPER_PER_OP);
            }
        }
        Table t = Table.create("Section 4: peak, median and final R-bar per seed and op (W=20, k=3, 30 checkpoints; "
                + "after init: every checkpoint but the first)", seed, op);
        t.addColumns(c);
        t.addColumns(paper);
        return TableStyle.rounded(t);
    }

    /**
     * Median R-bar over the checkpoints (the typical checkpoint: a peak may sit in the one window that
     * starts at initialisation) of each estimator, averaged over the seeds, per op, and the factor each step gains:
     * update to aggregated gradient removes the optimizer (momentum, adaptive scaling, weight decay);
     * aggregated to per-op gradient removes the tasks' cancellation.
     */
    public Table decomposition() {
        Table peaks = peaks();
        StringColumn op = StringColumn.create("op");
        DoubleColumn update = DoubleColumn.create("update");
        DoubleColumn aggregated = DoubleColumn.create("aggregated gradient");
        DoubleColumn perOp = DoubleColumn.create("per-op gradient");
        DoubleColumn optimizer = DoubleColumn.create("x optimizer removed");
        DoubleColumn tasks = DoubleColumn.create("x tasks separated");
        for (String o : Section3.OPS) {
            Table rows = peaks.where(peaks.stringColumn("op").isEqualTo(o));
            double u = rows.doubleColumn("update median").mean();
            double a = rows.doubleColumn("aggregated gradient median").mean();
            double p = rows.doubleColumn("per-op gradient median").mean();
            op.append(o);
            update.append(u);
            aggregated.append(a);
            perOp.append(p);
            optimizer.append(a / u);
            tasks.append(p / a);
        }
        return TableStyle.rounded(Table.create("Decomposition: median R-bar over checkpoints (mean over seeds), and the factor each step gains",
                op, update, aggregated, perOp, optimizer, tasks));
    }

    static String run(long seed) { return UnitBuilder.runName(Section4.TASK, seed); }

    /** An estimator's R-bar at each evaluated checkpoint, in step order; empty when not computed. */
    private static double[] rbar(Table series, String estimator, String op) {
        if (series == null || !series.stringColumn("estimator").contains(estimator)) return new double[0];
        return EstimatorRows.select(series, estimator, op, PAPER_W).doubleColumn("Rbar").asDoubleArray();
    }

    private static long[] steps(Table series, String estimator, String op) {
        return EstimatorRows.select(series, estimator, op, PAPER_W).longColumn("step").asLongArray();
    }

    /** The first evaluated step from which every value stays below {@code ceiling}; NaN if the last one does not. */
    private static double belowFrom(double[] values, long[] steps, double ceiling) {
        double from = Double.NaN;
        for (int i = values.length - 1; i >= 0 && values[i] < ceiling; i--) from = steps[i];
        return from;
    }

    private static double last(double[] values) {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    /** The largest value from index {@code from} on (1: leave out the window that starts at initialisation). */
    private static double max(double[] values, int from) {
        double best = Double.NaN;
        for (int i = from; i < values.length; i++) if (!(values[i] <= best)) best = values[i];
        return best;
    }
}
