package org.sedlab.paper.mechanism;

import java.util.List;
import org.sedlab.paper.mechanism.Mechanism.Control;
import org.sedlab.paper.section5.Section5;
import org.sedlab.paper.section5.Section5Tables;
import org.sedlab.report.PairedSpeedUp;
import org.sedlab.report.SectionData;
import org.sedlab.report.SeedColumns;
import org.sedlab.report.TableStyle;
import org.sedlab.train.RunConfig;
import tech.tablesaw.api.DoubleColumn;
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
    private final Section5Tables section5;

    public MechanismTables(SectionData data) {
        this.data = data;
        this.section5 = new Section5Tables(data.beside(new Section5()));
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
                run.append(isReference ? "reference: " + runLabel(c.reference().apply(seeds.get(0))) : runLabel(c.run().apply(seeds.get(0))));
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

    /** A run's name without its seed: "add-C-grad-r0". */
    private static String runLabel(RunConfig run) {
        return run.name().replaceFirst("-" + run.seed(), "");
    }
}
