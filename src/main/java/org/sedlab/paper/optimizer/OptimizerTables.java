package org.sedlab.paper.optimizer;

import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import org.sedlab.report.EstimatorRows;
import org.sedlab.report.SectionData;
import org.sedlab.report.Statistics;
import org.sedlab.report.TableStyle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Median R-bar over checkpoints of every optimizer stage, per op and seed (empty cells: not computed yet). */
public final class OptimizerTables {
    private final SectionData data;

    public OptimizerTables(SectionData data) { this.data = data; }

    /**
     * One row per single-task run: the median R-bar (W = 20, k = 3) of each stage over the analysed
     * checkpoints. The median, not the peak: a peak may sit in the window that starts at initialisation.
     */
    public Table stageMedians() {
        StringColumn op = StringColumn.create("op");
        LongColumn seed = LongColumn.create("seed");
        DoubleColumn[] stages = Optimizer.STAGES.stream().map(DoubleColumn::create).toArray(DoubleColumn[]::new);
        for (long s : Optimizer.SINGLE_TASK_SEEDS) {
            for (String o : Optimizer.OPS) {
                op.append(o);
                seed.append(s);
                String unit = Optimizer.sedId(o, s);
                Table series = data.has(unit) ? data.series(unit) : null;
                for (int i = 0; i < stages.length; i++) stages[i].append(series == null ? Double.NaN : median(series, Optimizer.STAGES.get(i), o));
            }
        }
        Table t = Table.create("Median R-bar of each optimizer stage (W = 20, k = 3), gradient to update", op, seed);
        t.addColumns(stages);
        return TableStyle.rounded(t);
    }

    /** One stage's R-bar at each analysed checkpoint of one run: {steps, R-bar}; empty when not computed. */
    public double[][] series(String op, long seed, String stage) {
        String unit = Optimizer.sedId(op, seed);
        if (!data.has(unit)) return new double[][]{{}, {}};
        Table rows = EstimatorRows.select(data.series(unit), stage, op, PAPER_W);
        return new double[][]{rows.longColumn("step").asDoubleArray(), rows.doubleColumn("Rbar").asDoubleArray()};
    }

    private static double median(Table series, String stage, String op) {
        Table rows = EstimatorRows.select(series, stage, op, PAPER_W);
        return Statistics.median(rows.doubleColumn("Rbar").removeMissing().asDoubleArray());
    }
}
