package org.sedlab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunOptions;

/**
 * Builds a section's units for one profile and pair of folders: trainings and analyses the same way
 * for every section, run names from the run's configuration, and the section's quick scaling applied.
 */
public final class UnitBuilder {
    private final Profile profile;
    private final Section.QuickScale quick;
    private final Path runs;
    private final Path data;
    private final Path earlierResults;

    UnitBuilder(Profile profile, Section.QuickScale quick, Path runs, Path data, Path earlierResults) {
        this.profile = profile;
        this.quick = quick;
        this.runs = runs;
        this.data = data;
        this.earlierResults = earlierResults;
    }

    public Profile profile() { return profile; }

    public boolean isQuick() { return profile.isQuick(); }

    /** A part's seeds (see {@link Seeds}) under this profile ({@link Profile#seeds}). */
    public List<Long> seeds(List<Long> full) { return profile.seeds(full); }

    /** The run's folder name, from its configuration ("add-42", "multitask-137"). */
    public static String runName(String task, long seed) {
        return RunConfig.forTask(task).seed(seed).build().name();
    }

    /** The id of the unit that trains a run. */
    public static String trainId(String run) { return "train/" + run; }

    /** Where a training unit publishes its run.json and metrics.csv, under the section's results folder. */
    public static String runResults(String run) { return "runs/" + run; }

    public Path runDir(String run) { return runs.resolve(run); }

    /** Trains one run with the paper's settings to its grok step (quick: the section's cap). */
    public SweepUnit train(String task, long seed) {
        return train(RunConfig.forTask(task).seed(seed).build());
    }

    /**
     * Trains one run as configured (its intervention, weight decay and learning rate are what may
     * differ from the paper's); publishes run.json and metrics.csv. The run's name, folder and
     * command all come from the configuration.
     */
    public SweepUnit train(RunConfig config) {
        return train(config, config.name(), List.of());
    }

    /**
     * Trains a run as configured into a folder of its own, {@code <name>}{@value #KEEPING_OPTIMIZER_STATE},
     * keeping AdamW's state at every checkpoint (the same bits as the plain run: the state is only read).
     */
    public SweepUnit trainKeepingOptimizerState(RunConfig config) {
        return train(config, config.name() + KEEPING_OPTIMIZER_STATE, List.of(SAVE_OPTIMIZER_STATE));
    }

    /** train's flag that keeps the optimizer's state at every checkpoint. */
    static final String SAVE_OPTIMIZER_STATE = "--save-optimizer-state";

    /** The suffix of a run kept with its optimizer state. */
    public static final String KEEPING_OPTIMIZER_STATE = "-optimizer-state";

    private SweepUnit train(RunConfig config, String name, List<String> extra) {
        Path run = runDir(name);
        RunConfig trained = isQuick() ? quick.train().apply(config.toBuilder()).build() : config;
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(RunOptions.arguments(trained));
        args.addAll(List.of("--out", run.toString()));
        args.addAll(extra);
        return new SweepUnit(trainId(name), List.of(), args, data.resolve(runResults(name)),
                List.of(run.resolve("run.json"), run.resolve("metrics.csv")), trained);
    }

    /** An analysis of a trained run into {@code data/<id>}; quick adds the section's options the unit does not set. */
    public SweepUnit analysis(String id, String run, String... options) {
        Path out = data.resolve(id);
        List<String> args = new ArrayList<>(List.of("analyze", "--run", runDir(run).toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        if (isQuick()) {
            List<String> extra = quick.analysis();
            for (int i = 0; i < extra.size(); i += 2) {
                if (!args.contains(extra.get(i))) args.addAll(extra.subList(i, i + 2));
            }
        }
        return new SweepUnit(id, List.of(trainId(run)), args, out, List.of());
    }

    /**
     * Trains a run as configured, then reads the norms of its weight groups at every checkpoint (a
     * few seconds): the runs whose grok steps a part compares get the weight-norm account's data.
     */
    public List<SweepUnit> trainWithNorms(RunConfig config) {
        String run = config.name();
        String id = normsId(run);
        return List.of(train(config), onRun(id, run, List.of("weight-norms", "--run", runDir(run).toString(),
                "--out", output(id).resolve(WEIGHT_NORMS).toString())));
    }

    /** The id of a run's weight norms, and their file. */
    public static String normsId(String run) { return "norms/" + run; }

    public static final String WEIGHT_NORMS = "weight-norms.csv";

    /** Any other command on a trained run, its results in {@code data/<id>}. */
    public SweepUnit onRun(String id, String run, List<String> arguments) {
        return new SweepUnit(id, List.of(trainId(run)), arguments, data.resolve(id), List.of());
    }

    public Path output(String id) { return data.resolve(id); }

    /**
     * The part's results that later units are chosen from (the learning rate a grid found best): the
     * results folder itself, except when a verification recomputes units elsewhere and the choice must
     * be the committed one.
     */
    public Path earlierResults() { return earlierResults; }

    /** Values as one command-line argument: "1,2,5". */
    public static String commaList(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
