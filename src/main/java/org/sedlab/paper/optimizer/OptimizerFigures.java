package org.sedlab.paper.optimizer;

import org.knowm.xchart.XYChart;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.SectionData;

/** R-bar of every optimizer stage over one run's training, gradient to update, on a log scale. */
public final class OptimizerFigures {
    private final OptimizerTables tables;

    public OptimizerFigures(SectionData data) { this.tables = new OptimizerTables(data); }

    /** One line per stage that is computed for this run; none when the run is not analysed yet. */
    public XYChart stages(String op, long seed) {
        XYChart chart = FigureStyle.lineChart(op + ", seed " + seed + ": SED from each stage of AdamW (W = 20, k = 3)", "step", "R-bar (log)");
        chart.getStyler().setYAxisLogarithmic(true);
        for (String stage : Optimizer.STAGES) {
            double[][] series = tables.series(op, seed, stage);
            if (series[0].length > 0) FigureStyle.line(chart, stage, series[0], series[1]);
        }
        return chart;
    }
}
