package org.sedlab.paper.section4;

import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import java.awt.BasicStroke;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.sedlab.paper.section3.Section3;
import org.sedlab.report.EstimatorRows;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.SectionData;
import org.sedlab.report.StackedFigure;
import tech.tablesaw.api.Table;

/**
 * The paper's Section 4 figures from our multitask results, in the author's layout: three panels
 * against the training step (accuracy per op, train dashed and test solid; R-bar on a log axis with
 * a dotted line at 1; rank-90 per op), one colour per op throughout.
 */
public final class Section4Figures {
    private static final int PANEL_HEIGHT = 300;
    /** Line styles of the three estimators in the decomposition figure. */
    private static final Map<String, BasicStroke> ESTIMATOR_STROKE = Map.of(
            Section4.UPDATE, FigureStyle.dotted(),
            Section4.AGGREGATED_GRADIENT, FigureStyle.dashed(),
            Section4.PER_OP_GRADIENT, new BasicStroke(2f));

    private final SectionData data;

    public Section4Figures(SectionData data) { this.data = data; }

    /** Figure 3: aggregated update SED, one basis for all four ops, scored against each op's centroids. */
    public StackedFigure figure3(long seed) {
        return stacked(seed, Section4.UPDATE, "Figure 3: aggregated update SED (multitask, seed " + seed + ")");
    }

    /** Figure 4: per-op gradient SED, each op's own loss gradient and its own centroids. */
    public StackedFigure figure4(long seed) {
        return stacked(seed, Section4.PER_OP_GRADIENT, "Figure 4: per-op gradient SED (multitask, seed " + seed + ")");
    }

    private StackedFigure stacked(long seed, String estimator, String title) {
        return new StackedFigure(List.of(accuracy(seed, title), rbar(seed, estimator), rank90(seed)));
    }

    /** Train (dashed) and test (solid) accuracy of every head over training. */
    public XYChart accuracy(long seed, String title) {
        XYChart chart = FigureStyle.lineChart(title, "step", "accuracy", PANEL_HEIGHT);
        String run = Section4Tables.run(seed);
        if (!data.hasRun(run)) return chart;
        Table m = data.metrics(run);
        double[] steps = m.longColumn("step").asDoubleArray();
        for (String op : Section3.OPS) {
            FigureStyle.line(chart, op + " test", steps, m.doubleColumn("test_acc_" + op).asDoubleArray()).setLineColor(FigureStyle.opColour(op));
            XYSeries train = FigureStyle.line(chart, op + " train", steps, m.doubleColumn("train_acc_" + op).asDoubleArray());
            train.setLineStyle(FigureStyle.dashed());
            train.setLineColor(FigureStyle.opColour(op));
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** One estimator's R-bar per op on a log axis, with the random baseline R = 1 dotted. */
    public XYChart rbar(long seed, String estimator) {
        XYChart chart = FigureStyle.lineChart("", "step", estimator + " R-bar (log)", PANEL_HEIGHT);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Table series = series(seed);
        if (series == null) return chart;
        for (String op : Section3.OPS) {
            Table rows = rows(series, estimator, op);
            FigureStyle.line(chart, op, steps(rows), rows.doubleColumn("Rbar").asDoubleArray()).setLineColor(FigureStyle.opColour(op));
        }
        double[] steps = steps(rows(series, estimator, Section3.OPS.get(0)));
        FigureStyle.referenceLine(chart, "R = 1 (random)", 1, steps[0], steps[steps.length - 1]);
        return chart;
    }

    /** rank-90 of each op's centroid matrix on the unperturbed model. */
    public XYChart rank90(long seed) {
        XYChart chart = FigureStyle.lineChart("", "step", "rank-90", PANEL_HEIGHT);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Table series = series(seed);
        if (series == null) return chart;
        for (String op : Section3.OPS) {
            Table rows = rows(series, Section4.PER_OP_GRADIENT, op);
            FigureStyle.line(chart, op, steps(rows), rows.intColumn("rank90").asDoubleArray()).setLineColor(FigureStyle.opColour(op));
        }
        return chart;
    }

    /** The three estimators' R-bar for every op: colour per op, line style per estimator (dotted update, dashed aggregated gradient, solid per-op gradient). */
    public XYChart decomposition(long seed) {
        XYChart chart = FigureStyle.lineChart("Update -> aggregated gradient -> per-op gradient (multitask, seed " + seed + ")",
                "step", "R-bar (log)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Table series = series(seed);
        if (series == null) return chart;
        for (String estimator : Section4.ESTIMATORS) {
            for (String op : Section3.OPS) {
                Table rows = rows(series, estimator, op);
                XYSeries line = FigureStyle.line(chart, op + " " + estimator, steps(rows), rows.doubleColumn("Rbar").asDoubleArray());
                line.setLineColor(FigureStyle.opColour(op));
                line.setLineStyle(ESTIMATOR_STROKE.get(estimator));
            }
        }
        return chart;
    }

    private Table series(long seed) {
        String unit = Section4.sedId(Section4Tables.run(seed));
        return data.has(unit) ? data.series(unit) : null;
    }

    private static Table rows(Table series, String estimator, String op) {
        return EstimatorRows.select(series, estimator, op, PAPER_W);
    }

    private static double[] steps(Table rows) { return rows.longColumn("step").asDoubleArray(); }
}
