package org.sedlab.paper.limitations;

import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.paper.section5.Section5Figures;
import org.sedlab.report.EstimatorRows;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.PaperNumbers;
import org.sedlab.report.SeedColumns;
import org.sedlab.report.SectionData;
import tech.tablesaw.api.Table;

/** The Limitations' figures: R-bar with either centroid, R-bar against the gradient batch, grok step against the projector's rank. */
public final class LimitationsFigures {
    private final SectionData data;

    public LimitationsFigures(SectionData limitations) { this.data = limitations; }

    /** Gradient-SED R-bar over training (add, seed 42) with the simplified and the full centroid, the paper's 110-330x range dotted. */
    public XYChart fullCentroid() {
        XYChart chart = FigureStyle.lineChart("Gradient SED with either centroid (add, seed 42, W=20, k=3)", "step", "R-bar (log)");
        chart.getStyler().setYAxisLogarithmic(true);
        String op = Limitations.CONTROL_OP;
        double last = 0;
        Table simplified = rows(data, Limitations.gradientId(Limitations.CONTROL), op);
        if (simplified != null) {
            FigureStyle.line(chart, "simplified d z_y/d e (the paper's)", steps(simplified), simplified.doubleColumn("Rbar").asDoubleArray())
                    .setLineColor(FigureStyle.opColour(op));
            last = simplified.longColumn("step").max();
        }
        Table full = rows(data, Limitations.FULL_CENTROID, op);
        if (full != null) {
            XYSeries s = FigureStyle.line(chart, "full d(sum_c z_c)/d e", steps(full), full.doubleColumn("Rbar").asDoubleArray());
            s.setLineColor(Color.BLACK);
            s.setLineStyle(FigureStyle.dashed());
            last = Math.max(last, full.longColumn("step").max());
        }
        if (last > 0) {
            for (double bound : PaperNumbers.GRADIENT_RANGE) {
                FigureStyle.referenceLine(chart, "paper's range: " + (int) bound, bound, 0, last);
            }
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return chart;
    }

    /** Gradient-SED R-bar over training for each gradient batch of the study (seed 42). */
    public XYChart gradientBatch(String op) {
        XYChart chart = FigureStyle.lineChart("Gradient SED against its fixed batch (" + op + ", seed 42)", "step", "R-bar (log)");
        chart.getStyler().setYAxisLogarithmic(true);
        int i = 0;
        for (LimitationsTables.BatchVariant v : LimitationsTables.batchVariants(op)) {
            Table r = rows(data, v.unit(), op);
            Color colour = chart.getStyler().getSeriesColors()[i++ % chart.getStyler().getSeriesColors().length];
            if (r == null) continue;
            XYSeries s = FigureStyle.line(chart, "batch " + v.label(), steps(r), r.doubleColumn("Rbar").asDoubleArray());
            s.setLineColor(colour);
            if (v.size() != 512) s.setLineStyle(FigureStyle.dashed());
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** Grok step against the rank (gradient projection, add): each seed as a point, the mean as a line; the control's seeds dotted. */
    public XYChart rank(Table rankSweep, double[] controlSteps) {
        XYChart chart = FigureStyle.lineChart("Grok step against the projector's rank (add, gradient projection)", "rank (log)", "grok step");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(7);
        double minRank = rankSweep.intColumn("rank").min();
        double maxRank = rankSweep.intColumn("rank").max();
        for (Mode m : Limitations.RANK_MODES) {
            Table rows = rankSweep.where(rankSweep.stringColumn("mode").isEqualTo(m.name()));
            Color colour = FigureStyle.modeColour(m);
            List<double[]> means = new ArrayList<>();
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < rows.rowCount(); i++) {
                double rank = rows.intColumn("rank").get(i);
                double mean = rows.doubleColumn("mean").getDouble(i);
                if (!Double.isNaN(mean)) means.add(new double[]{rank, mean});
                for (long seed : SeedColumns.of(rows)) {
                    double step = rows.doubleColumn(SeedColumns.name(seed)).getDouble(i);
                    if (!Double.isNaN(step) && step > 0) points.add(new double[]{rank, step});
                }
            }
            if (means.isEmpty()) continue;
            XYSeries line = FigureStyle.line(chart, m + (m.randomFrame() ? ": keep a random subspace" : ": keep the SED subspace") + " (mean)",
                    column(means, 0), column(means, 1));
            line.setLineColor(colour);
            XYSeries seeds = chart.addSeries(m + ": each seed", column(points, 0), column(points, 1));
            seeds.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            seeds.setMarker(SeriesMarkers.CIRCLE);
            seeds.setMarkerColor(colour);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : controlSteps) {
            if (Double.isNaN(s) || s <= 0) continue;
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        if (min <= max) {
            FigureStyle.referenceLine(chart, "A (no projection): slowest seed", max, minRank, maxRank);
            FigureStyle.referenceLine(chart, "A (no projection): fastest seed", min, minRank, maxRank);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return chart;
    }

    private static double[] column(List<double[]> rows, int j) {
        return rows.stream().mapToDouble(r -> r[j]).toArray();
    }

    /** Gradient SED at W = 20 for one op of a unit, or null when the unit is absent. */
    private static Table rows(SectionData from, String unit, String op) {
        if (!from.has(unit)) return null;
        Table rows = EstimatorRows.select(from.series(unit), "gradient", op, PAPER_W);
        return rows.isEmpty() ? null : rows;
    }

    private static double[] steps(Table rows) {
        return rows.longColumn("step").asDoubleArray();
    }
}
