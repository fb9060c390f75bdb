package org.sedlab.paper.section5;

import java.awt.Color;
import java.util.List;
import java.util.OptionalLong;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.SectionData;
import org.sedlab.report.StackedFigure;
import tech.tablesaw.api.Table;

/** The paper's Section 5 figures from our intervention runs, in the author's colours (A black, B red, C blue, D orange, E green). */
public final class Section5Figures {
    private static final String FIGURE_OP = "add";
    private static final long FIGURE_SEED = 42;

    private final SectionData data;

    public Section5Figures(SectionData data) { this.data = data; }

    /** What each mode does to one vector u, drawn in two dimensions: the rank-3 subspace as a line, u split along it. */
    public static XYChart modes() {
        XYChart chart = FigureStyle.lineChart("What the modes keep of a step's vector u", "", "");
        double[] along = {Math.cos(0.3), Math.sin(0.3)};
        double[] u = {0.55, 1.0};
        double coefficient = u[0] * along[0] + u[1] * along[1];
        double[] pu = {coefficient * along[0], coefficient * along[1]};
        XYSeries subspace = FigureStyle.line(chart, "the subspace P projects on (SED for B, C; random for D, E)",
                new double[]{-0.3 * along[0], 1.4 * along[0]}, new double[]{-0.3 * along[1], 1.4 * along[1]});
        subspace.setLineStyle(FigureStyle.dotted());
        subspace.setLineColor(Color.GRAY);
        arrow(chart, "A: u, unchanged", u, FigureStyle.modeColour(Mode.A));
        arrow(chart, "C, E: Pu (keep only the subspace)", pu, FigureStyle.modeColour(Mode.C));
        arrow(chart, "B, D: u - Pu (remove the subspace)", new double[]{u[0] - pu[0], u[1] - pu[1]}, FigureStyle.modeColour(Mode.B));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        return chart;
    }

    private static void arrow(XYChart chart, String name, double[] to, Color colour) {
        XYSeries s = FigureStyle.line(chart, name, new double[]{0, to[0]}, new double[]{0, to[1]});
        s.setLineColor(colour);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
        chart.getStyler().setMarkerSize(7);
    }

    /**
     * Figure 5 (the paper: update projection): add, seed 42, train (dashed) and test (solid) accuracy
     * per mode, each mode's first step with test accuracy >= 0.5 in the legend; below, test - train.
     */
    public StackedFigure figure5(Flavour flavour) {
        String title = "Figure 5: " + flavour.name().toLowerCase() + " projection, add, seed 42";
        XYChart accuracy = FigureStyle.lineChart(title, "step", "accuracy", 340);
        XYChart gap = FigureStyle.lineChart("", "step", "test - train accuracy", 260);
        for (Mode mode : Section5.MODES) {
            String run = Section5.config(FIGURE_OP, FIGURE_SEED, mode, flavour).name();
            if (!data.hasRun(run)) continue;
            Table m = data.metrics(run);
            double[] steps = m.longColumn("step").asDoubleArray();
            double[] test = m.doubleColumn("test_acc").asDoubleArray();
            double[] train = m.doubleColumn("train_acc").asDoubleArray();
            OptionalLong half = data.firstStepAtHalf(run);
            String label = mode + (half.isPresent() ? " (test >= 0.5 at " + half.getAsLong() + ")" : " (test never >= 0.5)");
            Color colour = FigureStyle.modeColour(mode);
            FigureStyle.line(accuracy, label + " test", steps, test).setLineColor(colour);
            XYSeries t = FigureStyle.line(accuracy, mode + " train", steps, train);
            t.setLineStyle(FigureStyle.dashed());
            t.setLineColor(colour);
            double[] difference = new double[steps.length];
            for (int i = 0; i < steps.length; i++) difference[i] = test[i] - train[i];
            FigureStyle.line(gap, mode.name(), steps, difference).setLineColor(colour);
        }
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        gap.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return new StackedFigure(List.of(accuracy, gap));
    }
}
