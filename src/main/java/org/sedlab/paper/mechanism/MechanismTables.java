package org.sedlab.paper.mechanism;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.model.WeightGroup;
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
    private final SectionData section5Data;
    private final Section5Tables section5;

    public MechanismTables(SectionData data) {
        this.data = data;
        this.section5Data = data.beside(new Section5());
        this.section5 = new Section5Tables(section5Data);
    }

    /** The grok step of a run of this part or of Section 5 (-1: did not grok, NaN: not trained). */
    public double grokStep(RunConfig run) {
        return data.hasRun(run.name()) ? data.grokStep(run.name()).orElse((long) Section5Tables.DID_NOT_GROK) : section5.grokStep(run.name());
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

    /** A run's weight norms at every checkpoint (this part's or Section 5's), null if not computed. */
    public Table norms(RunConfig run) {
        String id = UnitBuilder.normsId(run.name());
        SectionData where = data.has(id) ? data : section5Data.has(id) ? section5Data : null;
        return where == null ? null : where.table(id, UnitBuilder.WEIGHT_NORMS);
    }

    /**
     * The weight-norm account's data: every grokked run with its norms, Section 5's (add and mul, modes A-E
     * in the gradient flavour) and this part's, with its grok step and the norms there and at the start.
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
