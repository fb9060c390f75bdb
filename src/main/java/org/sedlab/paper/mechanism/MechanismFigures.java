package org.sedlab.paper.mechanism;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.model.WeightGroup;
import org.sedlab.paper.section5.Section5;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.SectionData;
import org.sedlab.train.RunConfig;
import tech.tablesaw.api.Table;

/** The weight-norm trajectories of one seed's runs, the grok step of each marked on its line. */
public final class MechanismFigures {
    private final MechanismTables tables;

    public MechanismFigures(SectionData data) { this.tables = new MechanismTables(data); }

    /** The attention weights' norm over training: the control, modes C and E (Section 5) and the two rank-0 controls; only runs with norms. */
    public XYChart attentionNorms(long seed) {
        XYChart chart = FigureStyle.lineChart("add, seed " + seed + ": attention weight norm (dot: the grok step)", "step", "L2 norm of the attention weights");
        chart.getStyler().setMarkerSize(9); // the grok-step dots (the lines have no markers)
        List<RunConfig> runs = new ArrayList<>();
        for (Mode m : List.of(Mode.A, Mode.C, Mode.E)) runs.add(Section5.config(Mechanism.OP, seed, m, Flavour.GRADIENT));
        for (Mechanism.Control c : Mechanism.CONTROLS.subList(0, 2)) runs.add(c.run().apply(seed));
        int i = 0;
        for (RunConfig run : runs) {
            Table norms = tables.norms(run);
            if (norms == null) continue;
            // One colour per run for its line and its dot (automatic colours go by series index).
            java.awt.Color colour = chart.getStyler().getSeriesColors()[i++];
            String name = run.intervention() == null ? "A (control)" : run.intervention().name();
            double[] steps = norms.longColumn("step").asDoubleArray();
            double[] values = norms.doubleColumn(WeightGroup.ATTENTION.word()).asDoubleArray();
            FigureStyle.line(chart, name, steps, values).setLineColor(colour);
            double grok = tables.grokStep(run);
            double atGrok = grok > 0 ? MechanismTables.normAt(norms, grok, WeightGroup.ATTENTION) : Double.NaN;
            if (!Double.isNaN(atGrok)) {
                XYSeries dot = chart.addSeries(name + ": grok", new double[]{grok}, new double[]{atGrok});
                dot.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                dot.setMarker(SeriesMarkers.CIRCLE);
                dot.setMarkerColor(colour);
                dot.setShowInLegend(false);
            }
        }
        return chart;
    }
}
