package org.sedlab.paper.fisher;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.StackedFigure;
import tech.tablesaw.api.Table;

/** The fisher section's figures: memory and time against N, and the R-bar series beside gradient SED. */
public final class FisherFigures {
    private final FisherTables tables;

    public FisherFigures(FisherTables tables) { this.tables = tables; }

    /** Peak RSS (top) and wall time (bottom) against N for both methods, with the N x P matrix's own size on top. */
    public StackedFigure memoryAndTime() {
        Table rows = tables.scaleRows();
        XYChart memory = FigureStyle.lineChart("Top-3 per-example directions: memory and time against the batch size N",
                "", "peak RSS (MiB, log)", 330);
        XYChart time = FigureStyle.lineChart("", "N (log)", "wall time (s, log)", 300);
        for (XYChart c : List.of(memory, time)) {
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setMarkerSize(8);
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        }
        Table measured = rows.where(rows.booleanColumn("measured").isTrue());
        for (String method : List.of("materialised", "lanczos")) {
            Table m = measured.where(measured.stringColumn("method").isEqualTo(method));
            if (m.isEmpty()) continue;
            String name = method.equals("lanczos") ? "fisher-lanczos (matrix-free)" : "materialised N x P + Lanczos";
            marked(FigureStyle.line(memory, name, m.doubleColumn("N").asDoubleArray(), m.doubleColumn("peak_rss_mib").asDoubleArray()));
            marked(FigureStyle.line(time, name, m.doubleColumn("N").asDoubleArray(), m.doubleColumn("wall_seconds").asDoubleArray()));
        }
        Table all = rows.where(rows.stringColumn("method").isEqualTo("materialised"));
        if (all.isEmpty()) all = rows;
        double[] gib = all.doubleColumn("matrix_gib").asDoubleArray();
        double[] mib = new double[gib.length];
        for (int i = 0; i < gib.length; i++) mib[i] = gib[i] * 1024;
        XYSeries matrix = FigureStyle.line(memory, "the N x P float32 matrix alone", all.doubleColumn("N").asDoubleArray(), mib);
        matrix.setLineStyle(FigureStyle.dotted());
        matrix.setLineColor(java.awt.Color.DARK_GRAY);
        return new StackedFigure(List.of(memory, time));
    }

    /** R-bar of fisher-lanczos and of gradient SED (W = 20) at each evaluated checkpoint, and the exact SVD's at Table 3's. */
    public XYChart rbarSeries() {
        Table series = tables.series();
        XYChart chart = FigureStyle.lineChart("R-bar over training (add, seed 42): per-example directions beside gradient SED",
                "step", "R-bar (log)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(9);
        for (String estimator : List.of("fisher-lanczos", "gradient")) {
            Table rows = series.where(series.stringColumn("estimator").isEqualTo(estimator));
            if (rows.isEmpty()) continue;
            FigureStyle.line(chart, estimator.equals("gradient") ? "gradient SED (W = 20)" : "fisher-lanczos, top-3 per-example directions",
                    rows.longColumn("step").asDoubleArray(), rows.doubleColumn("Rbar").asDoubleArray());
        }
        Table exact = tables.agreementRows();
        double[] rbar = new double[exact.rowCount()];
        for (int i = 0; i < rbar.length; i++) {
            rbar[i] = (exact.doubleColumn("exact_R1").get(i) + exact.doubleColumn("exact_R2").get(i) + exact.doubleColumn("exact_R3").get(i)) / 3;
        }
        XYSeries points = chart.addSeries("exact per-example SVD (Table 3's checkpoints)", exact.longColumn("step").asDoubleArray(), rbar);
        points.setMarker(SeriesMarkers.DIAMOND);
        points.setLineStyle(new java.awt.BasicStroke(0f));
        points.setLineColor(new java.awt.Color(0, 0, 0, 0));
        long last = series.longColumn("step").max() > 0 ? (long) series.longColumn("step").max() : 1;
        FigureStyle.referenceLine(chart, "random direction (R = 1)", 1, 0, last);
        return chart;
    }

    private static void marked(XYSeries s) { s.setMarker(SeriesMarkers.CIRCLE); }
}
