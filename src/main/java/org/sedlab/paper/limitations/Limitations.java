package org.sedlab.paper.limitations;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.intervention.Intervention;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.paper.section3.Section3;
import org.sedlab.paper.Part;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.sweep.Seeds;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;
import org.sedlab.train.RunConfig;

/**
 * The paper's Limitations, measured: the simplified against the full centroid on add seed 42;
 * gradient SED's sensitivity to the fixed gradient batch (its size and its seed) on add and mul
 * seed 42; Table 2 recomputed on the author's ablation protocol (20 evaluated checkpoints, peaks
 * of R_1); and the rank-3 intervention (gradient flavour, add) swept over its rank, weight decay
 * and learning rate. The analyses come first, then the trainings seed by seed, so a sweep cut
 * short still has every cell for seed 42; each swept run's weight norms follow it. The paper-setting cells (rank 3, lambda 1, lr 1e-3) are
 * Section 5's runs and are not trained again. Every comparison of analyses is made on one run's
 * checkpoints: the default gradient-SED analysis is computed again here rather than taken from
 * Section 3, whose add-42 and mul-42 were trained by the other engine (another trajectory).
 */
public final class Limitations implements Part {
    public static final String NAME = "limitations";
    /** The op and seed every analysis here is made on, as the paper's ablations; mul is the batch study's second op. */
    public static final String CONTROL_OP = "add";
    public static final String SECOND_OP = "mul";
    public static final long SEED = 42;
    public static final String CONTROL = UnitBuilder.runName(CONTROL_OP, SEED);
    public static final String SECOND = UnitBuilder.runName(SECOND_OP, SEED);
    public static final String CENTROIDS = "centroids/" + CONTROL;
    public static final String FULL_CENTROID = "centroid-full/" + CONTROL;
    public static final List<Integer> BATCH_SIZES = List.of(128, 2048);
    /** Reseeds of the 512-pair batch; seed 0, the analyses' default, is the reference analysis. */
    public static final List<Integer> BATCH_SEEDS = List.of(1, 2, 3);
    /** The author's ablation script evaluates 20 checkpoints and reports the peak of R_1. */
    public static final int AUTHOR_CHECKPOINTS = 20;
    public static final String AUTHOR_WINDOWS = "table2/" + CONTROL + "-windows";
    public static final List<Integer> RANKS = List.of(1, 2, 5, 10);
    public static final List<Mode> RANK_MODES = List.of(Mode.C, Mode.E);
    /** The seeds of the rank, weight-decay and learning-rate cells: six, the fewest at which a sign test paired by seed can decide. */
    public static final List<Long> SEEDS = Seeds.first(6);
    public static final List<Double> WEIGHT_DECAYS = List.of(0.3, 3.0);
    public static final List<Double> LEARNING_RATES = List.of(3e-4, 3e-3);
    public static final List<Mode> SETTING_MODES = List.of(Mode.A, Mode.C, Mode.E);
    public static final String SWEPT_OP = CONTROL_OP;
    /** The step cap of every intervention run: one not grokked by then did not grok. */
    public static final int CAP = RunConfig.forTask(SWEPT_OP).build().maxSteps();

    @Override public List<Claim> claims(SectionData data) { return LimitationsClaims.all(data); }

    @Override public String name() { return NAME; }

    @Override public String title() { return "Limitations: full centroid, gradient batch, Table 2 as the author computed it, intervention sweeps"; }

    /** As Section 3's and Section 5's quick runs: 50 steps for the analysed runs' windows, projection from step 21. */
    @Override public QuickScale quick() {
        return QuickScale.FIFTY_STEPS;
    }

    /** Gradient SED with the paper's settings on this section's checkpoints: the reference of the centroid and batch studies. */
    public static String gradientId(String run) { return "gradient/" + run; }

    public static String batchSizeId(String run, int size) { return "batch/" + run + "-b" + size; }

    public static String batchSeedId(String run, int seed) { return "batch/" + run + "-seed" + seed; }

    public static String authorEpsId(String eps) { return "table2/" + CONTROL + "-eps" + eps; }

    public static String authorProbeSeedId(int seed) { return "table2/" + CONTROL + "-probes" + seed; }

    /** A rank cell: the paper's intervention at another rank. */
    public static RunConfig rankConfig(long seed, Mode mode, int rank) {
        return RunConfig.forTask(SWEPT_OP).seed(seed)
                .intervention(new Intervention(mode, Flavour.GRADIENT, rank, Intervention.PAPER_WINDOW)).build();
    }

    /** A weight-decay or learning-rate cell at rank 3; mode A is the plain run at that setting. */
    public static RunConfig settingConfig(long seed, Mode mode, Double weightDecay, Double learningRate) {
        RunConfig.Builder b = RunConfig.forTask(SWEPT_OP).seed(seed);
        if (weightDecay != null) b.weightDecay(weightDecay);
        if (learningRate != null) b.learningRate(learningRate);
        if (mode != Mode.A) b.intervention(Intervention.of(mode, Flavour.GRADIENT));
        return b.build();
    }

    /** A seed's weight-decay cells, then its learning-rate cells, each with modes A, C and E: the runs the plan trains. */
    public static List<RunConfig> settingConfigs(long seed) {
        List<RunConfig> runs = new ArrayList<>();
        for (double wd : WEIGHT_DECAYS) for (Mode mode : SETTING_MODES) runs.add(settingConfig(seed, mode, wd, null));
        for (double lr : LEARNING_RATES) for (Mode mode : SETTING_MODES) runs.add(settingConfig(seed, mode, null, lr));
        return runs;
    }

    @Override
    public List<SweepUnit> units(UnitBuilder b) {
        List<SweepUnit> units = new ArrayList<>();
        units.add(b.train(RunConfig.forTask(CONTROL_OP).seed(SEED).build()));
        units.add(b.onRun(CENTROIDS, CONTROL, List.of("compare-centroids", "--run", b.runDir(CONTROL).toString(),
                "--out", b.output(CENTROIDS).resolve("centroids.csv").toString())));
        units.addAll(authorTable2(b));
        units.add(b.analysis(gradientId(CONTROL), CONTROL, "--estimators", "gradient"));
        units.add(b.analysis(FULL_CENTROID, CONTROL, "--estimators", "gradient", "--centroid", "full"));
        units.addAll(batchStudy(b, CONTROL));
        units.add(b.train(RunConfig.forTask(SECOND_OP).seed(SEED).build()));
        units.add(b.analysis(gradientId(SECOND), SECOND, "--estimators", "gradient"));
        units.addAll(batchStudy(b, SECOND));
        for (long seed : b.seeds(SEEDS)) {
            for (int rank : RANKS) for (Mode mode : RANK_MODES) units.addAll(b.trainWithNorms(rankConfig(seed, mode, rank)));
            for (RunConfig run : settingConfigs(seed)) units.addAll(b.trainWithNorms(run));
        }
        return units;
    }

    /** Gradient SED alone with other gradient batches: sizes 128 and 2048, and the 512 batch redrawn. */
    private static List<SweepUnit> batchStudy(UnitBuilder b, String run) {
        List<SweepUnit> units = new ArrayList<>();
        for (int size : BATCH_SIZES) {
            units.add(b.analysis(batchSizeId(run, size), run, "--estimators", "gradient", "--gradient-batch", String.valueOf(size)));
        }
        for (int seed : BATCH_SEEDS) {
            units.add(b.analysis(batchSeedId(run, seed), run, "--estimators", "gradient", "--batch-seed", String.valueOf(seed)));
        }
        return units;
    }

    /** Section 3's Table 2 ablations again, on 20 evaluated checkpoints, each keeping R_1..R_k for the author's statistic. */
    private static List<SweepUnit> authorTable2(UnitBuilder b) {
        String checkpoints = b.isQuick() ? "2" : String.valueOf(AUTHOR_CHECKPOINTS);
        List<SweepUnit> units = new ArrayList<>();
        units.add(b.analysis(AUTHOR_WINDOWS, CONTROL, "--estimators", "gradient", "--n-checkpoints", checkpoints,
                "--W", b.isQuick() ? "1,2" : UnitBuilder.commaList(Section3.WINDOWS), "--k", b.isQuick() ? "2" : String.valueOf(Section3.WIDEST_K)));
        for (String eps : Section3.EPSILONS) {
            units.add(b.analysis(authorEpsId(eps), CONTROL, "--estimators", "gradient", "--n-checkpoints", checkpoints, "--eps-rel", eps));
        }
        for (int seed : Section3.PROBE_SEEDS) {
            units.add(b.analysis(authorProbeSeedId(seed), CONTROL, "--estimators", "gradient", "--n-checkpoints", checkpoints,
                    "--probe-seed", String.valueOf(seed)));
        }
        return units;
    }

}
