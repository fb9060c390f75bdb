package org.sedlab.paper.mechanism;

import java.util.ArrayList;
import java.util.List;
import java.awt.Color;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.model.WeightGroup;
import org.sedlab.paper.section5.Section5;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.PairedDifference;
import org.sedlab.report.SectionData;
import org.sedlab.train.RunConfig;
import tech.tablesaw.api.Table;

/**
 * The mechanism part's figures: the weight-norm trajectories of one seed's runs, the grok step of each
 * marked on its line; each control's grok step against its reference's, seed by seed.
 */
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
            Color colour = chart.getStyler().getSeriesColors()[i++];
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

    /**
     * Each control's grok step minus its reference's, one dot per seed (a run that did not grok counted at
     * the cap, as the claims count it), and their mean with its 95 % t interval: below zero, the control
     * groks earlier.
     */
    public CategoryChart grokStepDifferences() {
        List<Long> seeds = tables.seedsShown();
        CategoryChart chart = FigureStyle.categoryChart("add: control - reference grok step, paired by seed (not grokked: at " + MechanismTables.CAP + ")",
                "", "grok step difference (steps)", FigureStyle.HEIGHT + 140);
        List<String> names = new ArrayList<>();
        List<double[]> differences = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> halfWidths = new ArrayList<>();
        for (Mechanism.Control c : Mechanism.CONTROLS) {
            names.add(c.id().substring("mech.".length()));
            double[] reference = tables.steps(c, seeds, true);
            double[] control = tables.steps(c, seeds, false);
            differences.add(PairedDifference.grokStepDifferences(reference, control, MechanismTables.CAP));
            PairedDifference d = PairedDifference.ofGrokSteps(reference, control, MechanismTables.CAP);
            means.add(d.n() == 0 ? Double.NaN : d.mean()); // NaN: no mark (XChart takes no null beside interval bars)
            halfWidths.add(d.n() < 2 ? 0.0 : d.high() - d.mean());
        }
        for (int s = 0; s < seeds.size(); s++) {
            List<Double> y = new ArrayList<>();
            for (double[] d : differences) y.add(Double.isNaN(d[s]) ? null : d[s]);
            if (y.stream().allMatch(java.util.Objects::isNull)) continue;
            chart.addSeries("seed " + seeds.get(s), names, y).setMarker(SeriesMarkers.CIRCLE);
        }
        CategorySeries mean = chart.addSeries("mean, 95 % interval", names, means, halfWidths);
        mean.setMarker(SeriesMarkers.DIAMOND);
        mean.setMarkerColor(Color.BLACK);
        mean.setLineColor(Color.BLACK);
        return chart;
    }
}
