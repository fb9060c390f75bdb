package org.sedlab.paper.section3;

import static org.sedlab.sed.AnalysisSettings.PAPER_K;
import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.sedlab.report.PaperNumbers;
import org.sedlab.report.Peak;
import org.sedlab.report.SectionData;
import org.sedlab.report.SeedColumns;
import org.sedlab.report.Statistics;
import org.sedlab.report.TableStyle;
import org.sedlab.sweep.UnitBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's Section 3 tables from our results, the paper's numbers beside ours. A cell whose unit
 * is not computed yet is empty.
 */
public final class Section3Tables {
    private final SectionData data;

    public Section3Tables(SectionData data) { this.data = data; }

    /** Grok step of every run, ours beside the paper's control runs where it gives them. */
    public Table grokSteps() {
        StringColumn op = StringColumn.create("op");
        List<DoubleColumn> columns = new java.util.ArrayList<>();
        List<Long> seeds = seedsShown();
        List<DoubleColumn> ours = List.of(SeedColumns.create(seeds));
        List<DoubleColumn> paperColumns = PaperNumbers.SEEDS.stream().map(s -> DoubleColumn.create("paper: " + SeedColumns.name(s))).toList();
        for (int s = 0; s < seeds.size(); s++) {
            columns.add(ours.get(s));
            if (s < paperColumns.size()) columns.add(paperColumns.get(s));
        }
        for (String o : Section3.OPS) {
            op.append(o);
            double[] paper = PaperNumbers.CONTROL_GROK_STEP.get(o);
            for (int s = 0; s < seeds.size(); s++) {
                String run = UnitBuilder.runName(o, seeds.get(s));
                ours.get(s).append(data.hasRun(run) ? data.grokStep(run).orElse(-1) : Double.NaN);
                if (s < paperColumns.size()) paperColumns.get(s).append(paper == null ? Double.NaN : paper[s]);
            }
        }
        Table t = Table.create("Grok step (20th evaluation with test accuracy >= 0.98; -1: did not grok by 8000)", op);
        columns.forEach(t::addColumns);
        return t;
    }

    /** The seeds the tables show: the paper's, then each further seed whose add run is trained. */
    public List<Long> seedsShown() {
        return SeedColumns.shown(Section3.SEEDS, seed -> data.hasRun(UnitBuilder.runName(Section3.OPS.get(0), seed)));
    }

    /**
     * Gradient against update SED, paired by run: both peaks of every run analysed with both estimators
     * (seed 42 and the scorecard's further seeds on every op, add on every seed), and their ratio.
     */
    public Table gradientOverUpdate() {
        StringColumn op = StringColumn.create("op");
        LongColumn seed = LongColumn.create("seed");
        DoubleColumn gradient = DoubleColumn.create("gradient peak");
        DoubleColumn update = DoubleColumn.create("update peak");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        for (String o : Section3.OPS) {
            for (long s : Section3.SEEDS) {
                String unit = Section3.sedId(UnitBuilder.runName(o, s));
                Peak g = peak(unit, "gradient", o);
                Peak u = peak(unit, "update", o);
                if (g == null || u == null) continue;
                op.append(o);
                seed.append(s);
                gradient.append(g.peak());
                update.append(u.peak());
                ratio.append(g.peak() / u.peak());
            }
        }
        return TableStyle.rounded(Table.create("Gradient vs update SED peak R-bar, per run with both", op, seed, gradient, update, ratio));
    }

    /** Table 1: update SED peak and final R-bar (seed 42), gradient SED peak R-bar per seed and their mean; last row the op spread. */
    public Table table1() {
        StringColumn op = StringColumn.create("op");
        DoubleColumn[] c = new DoubleColumn[12];
        String[] names = {"update peak", "paper: update peak", "update final", "paper: update final", "grad 42", "paper: grad 42",
                "grad 137", "paper: grad 137", "grad 2024", "paper: grad 2024", "grad mean", "paper: grad mean"};
        for (int i = 0; i < c.length; i++) c[i] = DoubleColumn.create(names[i]);
        for (String o : Section3.OPS) {
            op.append(o);
            Peak update = peak(Section3.sedId(UnitBuilder.runName(o, 42)), "update", o);
            c[0].append(update == null ? Double.NaN : update.peak());
            c[1].append(PaperNumbers.UPDATE_PEAK_FINAL.get(o)[0]);
            c[2].append(update == null ? Double.NaN : update.last());
            c[3].append(PaperNumbers.UPDATE_PEAK_FINAL.get(o)[1]);
            double[] gradient = new double[3];
            for (int s = 0; s < 3; s++) {
                Peak g = peak(Section3.sedId(UnitBuilder.runName(o, PaperNumbers.SEEDS.get(s))), "gradient", o);
                gradient[s] = g == null ? Double.NaN : g.peak();
                c[4 + 2 * s].append(gradient[s]);
                c[5 + 2 * s].append(PaperNumbers.GRADIENT_PEAK.get(o)[s]);
            }
            c[10].append(Statistics.mean(gradient));
            c[11].append(Statistics.mean(PaperNumbers.GRADIENT_PEAK.get(o)));
        }
        op.append("spread");
        for (int i = 0; i < c.length; i++) {
            boolean spreadColumn = i <= 3 || i >= 10;
            c[i].append(spreadColumn ? c[i].max() / c[i].min() : Double.NaN);
        }
        Table t = Table.create("Table 1: update vs gradient SED, peak R-bar (spread = max/min over ops)", op);
        t.addColumns(c);
        return TableStyle.rounded(t);
    }

    /**
     * Update-SED peak R-bar (seed 42) per op: ours, the paper's, and an independent run of the author's
     * public scripts on this CPU where one was made (sub and mul), so a reader sees where a gap lies.
     */
    public Table updateReference() {
        StringColumn op = StringColumn.create("op");
        DoubleColumn ours = DoubleColumn.create("ours");
        DoubleColumn paper = DoubleColumn.create("paper");
        DoubleColumn code = DoubleColumn.create("author's public code, this CPU");
        for (String o : Section3.OPS) {
            op.append(o);
            Peak update = peak(Section3.sedId(UnitBuilder.runName(o, 42)), "update", o);
            ours.append(update == null ? Double.NaN : update.peak());
            paper.append(PaperNumbers.UPDATE_PEAK_FINAL.get(o)[0]);
            code.append(PaperNumbers.AUTHOR_CODE_UPDATE_PEAK.getOrDefault(o, Double.NaN));
        }
        return TableStyle.rounded(Table.create("Update-SED peak R-bar, seed 42: ours, the paper's, the author's public code", op, ours, paper, code));
    }

    /** Table 2: peak R-bar of gradient SED on add seed 42 as W, k, eps and the probe seed vary (one at a time). */
    public Table table2() {
        StringColumn knob = StringColumn.create("ablation");
        StringColumn value = StringColumn.create("value");
        DoubleColumn peak = DoubleColumn.create("peak Rbar");
        LongColumn step = LongColumn.create("at step");
        DoubleColumn paper = DoubleColumn.create("paper");
        String control = Section3.CONTROL;
        String windows = Section3.WINDOW_ABLATION;
        for (int w : Section3.WINDOWS) add(knob, value, peak, step, "W", String.valueOf(w), windows, w, PAPER_K);
        for (int k : List.of(1, 3, Section3.WIDEST_K)) add(knob, value, peak, step, "k", String.valueOf(k), windows, PAPER_W, k);
        add(knob, value, peak, step, "eps_rel", Section3.EPSILONS.get(0), Section3.epsAblation(Section3.EPSILONS.get(0)), PAPER_W, PAPER_K);
        add(knob, value, peak, step, "eps_rel", "0.005 (canonical)", Section3.sedId(control), PAPER_W, PAPER_K);
        add(knob, value, peak, step, "eps_rel", Section3.EPSILONS.get(1), Section3.epsAblation(Section3.EPSILONS.get(1)), PAPER_W, PAPER_K);
        add(knob, value, peak, step, "probe seed", "0 (canonical)", Section3.sedId(control), PAPER_W, PAPER_K);
        for (int s : Section3.PROBE_SEEDS) {
            add(knob, value, peak, step, "probe seed", String.valueOf(s), Section3.probeSeedAblation(s), PAPER_W, PAPER_K);
        }
        for (int i = 0; i < knob.size(); i++) {
            String key = knob.get(i) + "=" + value.get(i).replace(" (canonical)", "");
            paper.append(PaperNumbers.ABLATION_PEAK.getOrDefault(key.equals("k=3") || key.equals("eps_rel=0.005")
                    || key.equals("probe seed=0") ? "W=20" : key, Double.NaN));
        }
        return TableStyle.rounded(Table.create("Table 2: gradient SED ablations on add, seed 42 (canonical W=20, k=3, eps_rel=0.005)",
                knob, value, peak, paper, step));
    }

    /** Table 3: per-example gradient SVD at the initial, a mid-training and the last (post-grok) checkpoint. */
    public Table table3() {
        Table pe = data.table(Section3.PER_EXAMPLE, "per-example.csv");
        StringColumn phase = StringColumn.create("phase", List.of("init", "mid", "post-grok"));
        DoubleColumn max = DoubleColumn.create("per-example R (max)");
        for (int i = 0; i < pe.rowCount(); i++) {
            final int row = i;
            ToDoubleFunction<String> cell = name -> pe.doubleColumn(name).getDouble(row);
            max.append(Math.max(cell.applyAsDouble("R1"), Math.max(cell.applyAsDouble("R2"), cell.applyAsDouble("R3"))));
        }
        Table t = Table.create("Table 3: per-example gradient SVD (add, seed 42)", phase.first(pe.rowCount()));
        t.addColumns(pe.longColumn("step"), pe.doubleColumn("R_mean_gradient").copy().setName("R mean gradient"), max);
        for (String name : List.of("R1", "R2", "R3", "cos1", "cos2", "cos3")) t.addColumns(pe.doubleColumn(name).copy());
        t.addColumns(DoubleColumn.create("paper: R", PaperNumbers.PER_EXAMPLE_R).first(pe.rowCount()));
        return TableStyle.rounded(t);
    }

    private void add(StringColumn knob, StringColumn value, DoubleColumn peak, LongColumn step, String k, String v,
                     String unit, int w, int directions) {
        knob.append(k);
        value.append(v);
        Peak p = data.has(unit) ? Peak.of(data.series(unit), "gradient", "add", w, directions) : null;
        peak.append(p == null ? Double.NaN : p.peak());
        if (p == null) step.appendMissing();
        else step.append(p.peakStep());
    }

    private Peak peak(String unit, String estimator, String op) {
        if (!data.has(unit)) return null;
        Table series = data.series(unit);
        return series.stringColumn("estimator").contains(estimator) ? Peak.of(series, estimator, op, PAPER_W, PAPER_K) : null;
    }
}
