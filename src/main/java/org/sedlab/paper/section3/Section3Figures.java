package org.sedlab.paper.section3;

import static org.sedlab.sed.AnalysisSettings.PAPER_K;
import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.sedlab.report.EstimatorRows;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.PaperNumbers;
import org.sedlab.report.Peak;
import org.sedlab.report.SectionData;
import org.sedlab.sweep.UnitBuilder;
import tech.tablesaw.api.Table;

/** The paper's Section 2-3 figures from our results, in {@link FigureStyle}. Units not computed yet are left out. */
public final class Section3Figures {
    private final SectionData data;

    public Section3Figures(SectionData data) { this.data = data; }

    /** Test accuracy over training for each op (seed 42): the grokking curves. */
    public XYChart grokkingCurves(long seed) {
        XYChart chart = FigureStyle.lineChart("Grokking: test accuracy over training (seed " + seed + ")", "step", "accuracy");
        for (String op : Section3.OPS) {
            String run = UnitBuilder.runName(op, seed);
            if (!data.hasRun(run)) continue;
            Table m = data.metrics(run);
            FigureStyle.line(chart, op + " test", m.longColumn("step").asDoubleArray(), m.doubleColumn("test_acc").asDoubleArray())
                    .setLineColor(FigureStyle.opColour(op));
        }
        for (String op : Section3.OPS) {
            String run = UnitBuilder.runName(op, seed);
            if (!data.hasRun(run)) continue;
            Table m = data.metrics(run);
            XYSeries train = FigureStyle.line(chart, op + " train", m.longColumn("step").asDoubleArray(),
                    m.doubleColumn("train_acc").asDoubleArray());
            train.setLineStyle(FigureStyle.dashed());
            train.setLineColor(FigureStyle.opColour(op));
        }
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        return chart;
    }

    /** rank-90 of the centroid matrix over training for each op (seed 42). */
    public XYChart rank90(long seed) {
        XYChart chart = FigureStyle.lineChart("Centroid rank-90 over training (seed " + seed + ")", "step", "rank-90");
        for (String op : Section3.OPS) {
            Table rows = gradientRows(Section3.sedId(UnitBuilder.runName(op, seed)), "gradient", op);
            if (rows != null) FigureStyle.line(chart, op, steps(rows), rows.intColumn("rank90").asDoubleArray());
        }
        return chart;
    }

    /** Figure 1: update-SED R-bar over training for add, three seeds, with rank-90 on a second axis. */
    public XYChart figure1() {
        XYChart chart = FigureStyle.lineChart("Figure 1: update SED on add, three seeds", "step", "update-SED R-bar");
        int i = 0;
        for (long seed : PaperNumbers.SEEDS) {
            Table rows = gradientRows(Section3.sedId(UnitBuilder.runName("add", seed)), "update", "add");
            if (rows == null) continue;
            // One colour per seed for both of its lines (automatic colours go by series index).
            Color colour = chart.getStyler().getSeriesColors()[i++];
            FigureStyle.line(chart, "R-bar seed " + seed, steps(rows), rows.doubleColumn("Rbar").asDoubleArray()).setLineColor(colour);
            XYSeries rank = FigureStyle.line(chart, "rank-90 seed " + seed, steps(rows), rows.intColumn("rank90").asDoubleArray());
            rank.setYAxisGroup(1);
            rank.setLineStyle(FigureStyle.dashed());
            rank.setLineColor(colour);
        }
        chart.setYAxisGroupTitle(1, "rank-90 (dashed)");
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** Figure 2: gradient (solid) vs update (dashed) SED R-bar per op, seed 42, log scale. */
    public XYChart figure2() {
        XYChart chart = FigureStyle.lineChart("Figure 2: gradient SED (solid) vs update SED (dashed), seed 42", "step", "R-bar (log)");
        chart.getStyler().setYAxisLogarithmic(true);
        for (String op : Section3.OPS) {
            Table g = gradientRows(Section3.sedId(UnitBuilder.runName(op, 42)), "gradient", op);
            if (g == null) continue;
            FigureStyle.line(chart, op + " gradient", steps(g), g.doubleColumn("Rbar").asDoubleArray())
                    .setLineColor(FigureStyle.opColour(op));
        }
        for (String op : Section3.OPS) {
            Table u = gradientRows(Section3.sedId(UnitBuilder.runName(op, 42)), "update", op);
            if (u == null) continue;
            XYSeries s = FigureStyle.line(chart, op + " update", steps(u), u.doubleColumn("Rbar").asDoubleArray());
            s.setLineStyle(FigureStyle.dashed());
            s.setLineColor(FigureStyle.opColour(op));
        }
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** Peak R-bar of gradient SED on add seed 42 against the window size W (log-log). */
    public XYChart windowDependence() {
        XYChart chart = FigureStyle.lineChart("Peak gradient-SED R-bar against the window W (add, seed 42)", "W (log)", "peak R-bar (log)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        String unit = Section3.WINDOW_ABLATION;
        if (!data.has(unit)) return chart;
        Table series = data.series(unit);
        List<Integer> ws = Section3.WINDOWS;
        double[] x = new double[ws.size()];
        double[] y = new double[ws.size()];
        for (int i = 0; i < ws.size(); i++) {
            x[i] = ws.get(i);
            y[i] = Peak.of(series, "gradient", "add", ws.get(i), PAPER_K).peak();
        }
        XYSeries s = FigureStyle.line(chart, "gradient SED, k = min(3, W)", x, y);
        s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return chart;
    }

    /** The rows of one estimator at the canonical window, or null if the unit or estimator is absent. */
    private Table gradientRows(String unit, String estimator, String op) {
        if (!data.has(unit)) return null;
        Table rows = EstimatorRows.select(data.series(unit), estimator, op, PAPER_W);
        return rows.isEmpty() ? null : rows;
    }

    private static double[] steps(Table rows) {
        return rows.longColumn("step").asDoubleArray();
    }
}
