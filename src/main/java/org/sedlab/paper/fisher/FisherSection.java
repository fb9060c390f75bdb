package org.sedlab.paper.fisher;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.paper.Part;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;

/**
 * The estimator the paper proposes for large models, built and checked on ours (add, seed 42):
 * fisher-lanczos against the exact per-example SVD at Table 3's checkpoints, its R-bar series over
 * the run beside gradient SED, and its memory and time against the materialised matrix as N grows.
 */
public final class FisherSection implements Part {
    public static final String NAME = "fisher";
    public static final String RUN = UnitBuilder.runName("add", 42);
    public static final String AGREEMENT = "agreement/" + RUN;
    public static final String SERIES = "series/" + RUN;
    public static final String SCALE = "scale/" + RUN;
    /** The batch sizes of the scale benchmark: Table 3's, four times it, and every pair of the domain (p = 97). */
    public static final List<Integer> SCALE_SIZES = List.of(512, 2048, 9409);

    @Override public List<Claim> claims(SectionData data) { return FisherClaims.all(data); }

    @Override public String name() { return NAME; }

    @Override public String title() { return "fisher-lanczos: the paper's LLM-scale estimator against the exact per-example SVD"; }

    /** Quick runs stop at step 50: 3 checkpoints, windows of 2 rows. */
    @Override public QuickScale quick() {
        return QuickScale.FIFTY_STEPS;
    }

    @Override
    public List<SweepUnit> units(UnitBuilder b) {
        boolean quick = b.isQuick();
        String run = b.runDir(RUN).toString();
        List<SweepUnit> units = new ArrayList<>();
        units.add(b.train("add", 42));
        List<String> agreement = new ArrayList<>(List.of("per-example", "--run", run, "--estimator", "fisher-lanczos", "--against-exact",
                "--out", b.output(AGREEMENT).resolve("agreement.csv").toString()));
        if (quick) agreement.addAll(List.of("--batch", "32", "--n-probes", "128", "--n-random", "3"));
        units.add(b.onRun(AGREEMENT, RUN, agreement));
        units.add(b.analysis(SERIES, RUN, "--estimators", "gradient,fisher-lanczos"));
        List<String> scale = new ArrayList<>(List.of("fisher-scale", "--run", run, "--n",
                quick ? "64,128" : String.join(",", SCALE_SIZES.stream().map(String::valueOf).toList()),
                "--out", b.output(SCALE).resolve("scale.csv").toString()));
        units.add(b.onRun(SCALE, RUN, scale));
        return units;
    }
}
