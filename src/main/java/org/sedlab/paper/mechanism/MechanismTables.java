package org.sedlab.paper.mechanism;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.model.WeightGroup;
import org.sedlab.paper.limitations.Limitations;
import org.sedlab.paper.mechanism.Mechanism.Control;
import org.sedlab.paper.section5.Section5;
import org.sedlab.paper.section5.Section5Tables;
import org.sedlab.report.PairedSpeedUp;
import org.sedlab.report.SectionData;
import org.sedlab.report.SeedColumns;
import org.sedlab.report.TableStyle;
import org.sedlab.sweep.UnitBuilder;
import org.sedlab.train.RunConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Each control's grok steps seed by seed beside its reference's (Section 5's runs, or this part's at the
 * same batch), their means over the seeds that grokked, and the speed-up reference / control.
 */
public final class MechanismTables {
    /** The step budget: a run not grokked by then did not grok. */
    public static final int CAP = RunConfig.forTask(Mechanism.OP).build().maxSteps();

    private final SectionData data;
    /** Where a run may be: this part, Section 5 (the controls' references), the Limitations (the lambda and lr settings). */
    private final List<SectionData> sources;

    public MechanismTables(SectionData data) {
        this.data = data;
        this.sources = List.of(data, data.beside(new Section5()), data.beside(new Limitations()));
    }

    /** The grok step of a run of this part, Section 5 or the Limitations (-1: did not grok, NaN: not trained). */
    public double grokStep(RunConfig run) {
        for (SectionData s : sources) {
            if (s.hasRun(run.name())) return s.grokStep(run.name()).orElse((long) Section5Tables.DID_NOT_GROK);
        }
        return Double.NaN;
    }

    /** The seeds the table shows: the paper's, then each further seed of the part whose first control is trained. */
    public List<Long> seedsShown() {
        return SeedColumns.shown(Mechanism.SEEDS, seed -> data.hasRun(Mechanism.CONTROLS.get(0).run().apply(seed).name()));
    }

    /** One row per control and one for its reference: grok step per seed, mean over the seeds that grokked, speed-up. */
    public Table grokSteps() {
        List<Long> seeds = seedsShown();
        StringColumn control = StringColumn.create("control");
        StringColumn run = StringColumn.create("run");
        DoubleColumn[] perSeed = SeedColumns.create(seeds);
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn speedUp = DoubleColumn.create("speed-up (reference / control)");
        for (Control c : Mechanism.CONTROLS) {
            double[] reference = steps(c, seeds, true);
            double[] steps = steps(c, seeds, false);
            for (boolean isReference : new boolean[]{true, false}) {
                double[] row = isReference ? reference : steps;
                control.append(c.label());
                RunConfig first = (isReference ? c.reference() : c.run()).apply(seeds.get(0));
                run.append((isReference ? "reference: " : "") + first.task() + (setting(first).equals("A") ? "" : "-" + setting(first)));
                for (int s = 0; s < seeds.size(); s++) perSeed[s].append(row[s]);
                mean.append(Section5Tables.meanOfGrokked(row));
                speedUp.append(isReference ? Double.NaN : PairedSpeedUp.of(reference, steps, CAP).value());
            }
        }
        Table t = Table.create("Grok step of each control beside its reference (add; -1: did not grok within " + CAP + " steps)", control, run);
        t.addColumns(perSeed);
        t.addColumns(mean, speedUp);
        return TableStyle.rounded(t);
    }

    /** A control's (or its reference's) grok step per seed, in the order given. */
    public double[] steps(Control c, List<Long> seeds, boolean reference) {
        return seeds.stream().mapToDouble(seed -> grokStep((reference ? c.reference() : c.run()).apply(seed))).toArray();
    }

    /** A run's weight norms at every checkpoint (wherever the run is), null if not computed. */
    public Table norms(RunConfig run) {
        String id = UnitBuilder.normsId(run.name());
        for (SectionData s : sources) if (s.has(id)) return s.table(id, UnitBuilder.WEIGHT_NORMS);
        return null;
    }

    /**
     * The weight-norm account's data: every grokked run with its norms, Section 5's (add and mul, modes A-E
     * in the gradient flavour), the Limitations' at other weight decays and learning rates (add, A, C, E)
     * and this part's, with its grok step and the norms there and at the start.
     */
    public Table normsAtGrok() {
        StringColumn op = StringColumn.create("op");
        LongColumn seed = LongColumn.create("seed");
        StringColumn setting = StringColumn.create("setting");
        DoubleColumn grok = DoubleColumn.create("grok step");
        DoubleColumn attentionStart = DoubleColumn.create("attention norm at step 0");
        DoubleColumn attention = DoubleColumn.create("attention norm at grok");
        DoubleColumn all = DoubleColumn.create("all weights' norm at grok");
        List<RunConfig> runs = new ArrayList<>();
        for (String o : Section5.OPS) {
            for (long s : Section5.SEEDS) for (Mode m : Section5.MODES) runs.add(Section5.config(o, s, m, Flavour.GRADIENT));
        }
        for (long s : Limitations.SEEDS) runs.addAll(Limitations.settingConfigs(s));
        for (long s : Mechanism.SEEDS) for (Control c : Mechanism.CONTROLS) runs.add(c.run().apply(s));
        for (RunConfig run : runs) {
            Table norms = norms(run);
            double step = grokStep(run);
            if (norms == null || !(step > 0)) continue;
            double attentionAtGrok = normAt(norms, step, WeightGroup.ATTENTION);
            if (Double.isNaN(attentionAtGrok)) continue;
            op.append(run.task());
            seed.append(run.seed());
            setting.append(setting(run));
            grok.append(step);
            attentionStart.append(norms.doubleColumn(WeightGroup.ATTENTION.word()).getDouble(0));
            attention.append(attentionAtGrok);
            all.append(normAt(norms, step, WeightGroup.ALL));
        }
        return TableStyle.rounded(Table.create("Weight norms at the grok step of every grokked run with its norms", op, seed, setting, grok,
                attentionStart, attention, all));
    }

    /**
     * The weight-norm account setting by setting: for each run setting with grokked runs (A, C-grad, E-grad at the
     * paper's settings, each at the Limitations' weight decays and learning rates, and this part's controls), how
     * many runs, and the median grok step and attention norm at grok with the norm's range. If the account
     * held, the norm column would not move while the grok step does.
     */
    public Table normsAtGrokBySetting() {
        Table all = normsAtGrok();
        StringColumn setting = StringColumn.create("setting");
        DoubleColumn runs = DoubleColumn.create("grokked runs");
        DoubleColumn grok = DoubleColumn.create("median grok step");
        DoubleColumn median = DoubleColumn.create("median attention norm at grok");
        DoubleColumn lowest = DoubleColumn.create("lowest");
        DoubleColumn highest = DoubleColumn.create("highest");
        for (String name : new java.util.LinkedHashSet<>(all.stringColumn("setting").asList())) {
            Table rows = all.where(all.stringColumn("setting").isEqualTo(name));
            DoubleColumn norm = rows.doubleColumn("attention norm at grok");
            setting.append(name);
            runs.append(rows.rowCount());
            grok.append(rows.doubleColumn("grok step").median());
            median.append(norm.median());
            lowest.append(norm.min());
            highest.append(norm.max());
        }
        return TableStyle.rounded(Table.create("Attention norm at the grok step, setting by setting (every op and seed with norms)",
                setting, runs, grok, median, lowest, highest));
    }

    /** A group's norm at a step of a run's norms table; NaN where no checkpoint is at that step. */
    public static double normAt(Table norms, double step, WeightGroup group) {
        Table at = norms.where(norms.longColumn("step").isEqualTo((long) step));
        return at.rowCount() == 0 ? Double.NaN : at.doubleColumn(group.word()).getDouble(0);
    }

    /** What a run changes from the plain run of its task and seed: its name after "add-42-" ("C-grad-r0"), or "A" for the plain run. */
    static String setting(RunConfig run) {
        String rest = run.name().substring((run.task() + "-" + run.seed()).length());
        return rest.isEmpty() ? "A" : rest.substring(1);
    }
}
