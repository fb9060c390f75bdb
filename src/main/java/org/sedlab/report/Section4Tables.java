package org.sedlab.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sedlab.model.ParameterLayout;
import org.sedlab.sweep.Section3;
import org.sedlab.sweep.Section4;
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
    static final int W = 20;
    static final int K = 3;
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

    /** Per seed: each op's grok step (3 consecutive evaluations at test accuracy >= 0.98), where the run stopped, its time. */
    public Table grokSteps() {
        LongColumn seed = LongColumn.create("seed");
        Map<String, DoubleColumn> perOp = new LinkedHashMap<>();
        for (String op : Section3.OPS) perOp.put(op, DoubleColumn.create(op));
        DoubleColumn stopped = DoubleColumn.create("stopped at");
        DoubleColumn minTest = DoubleColumn.create("lowest final test acc");
        DoubleColumn minutes = DoubleColumn.create("training minutes");
        for (long s : PaperNumbers.SEEDS) {
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
        return Section3Tables.rounded(t);
    }

    /** Per seed and op: peak and final R-bar of the three estimators (and update SED's median); the paper's statements beside. */
    public Table peaks() {
        LongColumn seed = LongColumn.create("seed");
        StringColumn op = StringColumn.create("op");
        String[] names = {"update peak", "update median", "update final", "aggregated gradient peak", "aggregated gradient final",
                "per-op gradient peak", "per-op gradient final"};
        DoubleColumn[] c = new DoubleColumn[names.length];
        for (int i = 0; i < c.length; i++) c[i] = DoubleColumn.create(names[i]);
        StringColumn paper = StringColumn.create("paper");
        for (long s : PaperNumbers.SEEDS) {
            String unit = Section4.sedId(run(s));
            Table series = data.has(unit) ? data.series(unit) : null;
            for (String o : Section3.OPS) {
                seed.append(s);
                op.append(o);
                Peak update = peak(series, Section4.UPDATE, o);
                Peak aggregated = peak(series, Section4.AGGREGATED_GRADIENT, o);
                Peak perOp = peak(series, Section4.PER_OP_GRADIENT, o);
                c[0].append(update == null ? Double.NaN : update.peak());
                c[1].append(series == null ? Double.NaN : medianRbar(series, Section4.UPDATE, o));
                c[2].append(update == null ? Double.NaN : update.last());
                c[3].append(aggregated == null ? Double.NaN : aggregated.peak());
                c[4].append(aggregated == null ? Double.NaN : aggregated.last());
                c[5].append(perOp == null ? Double.NaN : perOp.peak());
                c[6].append(perOp == null ? Double.NaN : perOp.last());
                paper.append(PAPER_UPDATE + "; " + PAPER_PER_OP);
            }
        }
        Table t = Table.create("Section 4: peak, median and final R-bar per seed and op (W=20, k=3, 30 checkpoints)", seed, op);
        t.addColumns(c);
        t.addColumns(paper);
        return Section3Tables.rounded(t);
    }

    /**
     * Peak R-bar of each estimator averaged over the seeds, per op, and the factor each step gains:
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
            double u = rows.doubleColumn("update peak").mean();
            double a = rows.doubleColumn("aggregated gradient peak").mean();
            double p = rows.doubleColumn("per-op gradient peak").mean();
            op.append(o);
            update.append(u);
            aggregated.append(a);
            perOp.append(p);
            optimizer.append(a / u);
            tasks.append(p / a);
        }
        return Section3Tables.rounded(Table.create("Decomposition: mean peak R-bar over seeds, and the factor each step gains",
                op, update, aggregated, perOp, optimizer, tasks));
    }

    static String run(long seed) { return UnitBuilder.runName(Section4.TASK, seed); }

    private static Peak peak(Table series, String estimator, String op) {
        if (series == null || !series.stringColumn("estimator").contains(estimator)) return null;
        return Peak.of(series, estimator, op, W, K);
    }

    private static double medianRbar(Table series, String estimator, String op) {
        if (!series.stringColumn("estimator").contains(estimator)) return Double.NaN;
        Table rows = series.where(series.stringColumn("estimator").isEqualTo(estimator).and(series.stringColumn("op").isEqualTo(op))
                .and(series.intColumn("W").isEqualTo(W)));
        return rows.doubleColumn("Rbar").median();
    }
}
