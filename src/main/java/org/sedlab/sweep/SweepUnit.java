package org.sedlab.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.sedlab.io.ResultComparison;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunFootprint;

/**
 * One resumable piece of a sweep: a sedlab command, the units it needs first, and the folder in
 * {@code data/} its results land in. The unit is done once that folder holds {@value #RECORD},
 * which the runner writes last.
 *
 * @param id        "train/add-42", "sed/add-42", "ablation/add-42-windows", ...
 * @param arguments the sedlab command line, e.g. [analyze, --run, runs/add-42, ...]
 * @param output    the unit's result folder
 * @param publish   files the command leaves outside {@code output} (a run's run.json and
 *                  metrics.csv) that are copied into it; checkpoints never are
 * @param trains    the configuration of the run a training unit trains, or null
 */
public record SweepUnit(String id, List<String> dependsOn, List<String> arguments, Path output, List<Path> publish, RunConfig trains) {
    public static final String RECORD = "unit.json";

    public SweepUnit {
        dependsOn = List.copyOf(dependsOn);
        arguments = List.copyOf(arguments);
        publish = List.copyOf(publish);
    }

    /** A unit that trains nothing: an analysis, a comparison. */
    public SweepUnit(String id, List<String> dependsOn, List<String> arguments, Path output, List<Path> publish) {
        this(id, dependsOn, arguments, output, publish, null);
    }

    /** The configuration of the run this unit trains, which its arguments were written from. */
    public Optional<RunConfig> training() { return Optional.ofNullable(trains); }

    public boolean isDone() {
        return output.resolve(RECORD).toFile().isFile();
    }

    /** A training unit's run folder: where its command writes the files it publishes, and the checkpoints later units read. */
    public Optional<Path> runFolder() {
        return training().map(t -> publish.get(0).getParent());
    }

    /**
     * A done training unit whose run folder (never committed) does not hold the run its committed results
     * describe, as on a fresh clone: a unit that reads the run needs it trained again first.
     */
    public boolean runIsMissing() {
        return isDone() && training().isPresent() && ResultComparison.compare(output, runFolder().get()).isPresent();
    }

    /** The most a training unit writes into its run folder ({@link RunFootprint}); 0 for a unit that trains nothing. */
    public long runBytesAtMost() {
        return training().map(t -> RunFootprint.bytesAtMost(t, arguments.contains(UnitBuilder.SAVE_OPTIMIZER_STATE))).orElse(0L);
    }

    /** The command as a user would type it. */
    public String commandLine() {
        return "./sedlab " + String.join(" ", arguments);
    }
}
