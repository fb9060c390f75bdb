package org.sedlab.train;

import java.nio.file.Path;
import org.sedlab.intervention.Intervention;
import org.sedlab.io.FileTrees;
import org.sedlab.model.Architecture;
import org.sedlab.model.ParameterLayout;

/**
 * The most disk a run writes, known from its configuration before it starts, and the check that its disk
 * has room for it: a run that fills the disk fails after hours of CPU and leaves other programs without
 * room, so one that may not fit is refused first, saying what to do.
 */
public final class RunFootprint {
    /** What an npz file takes beyond its values (names, headers, zip records), with room to spare. */
    private static final long NPZ_OVERHEAD = 64 * 1024;

    private RunFootprint() {}

    /**
     * Bytes a run of this configuration writes at most: a checkpoint every checkpointEvery steps up to its
     * cap (a run that groks stops sooner); the resume point (the optimizer's moments, an intervention's
     * window of directions) twice, while it is replaced; with {@code keepsOptimizerState}, that state again
     * at every checkpoint.
     */
    public static long bytesAtMost(RunConfig config, boolean keepsOptimizerState) {
        ParameterLayout layout = ParameterLayout.of(Architecture.forTask(config.toTask()));
        long width = config.dataType().width();
        long model = layout.size() * width + NPZ_OVERHEAD;
        Intervention projection = config.intervention();
        long window = projection == null ? 0 : projection.window();
        long directions = projection == null ? 0 : window * projection.weights().size(layout) + window * window;
        long state = (2 * layout.size() + directions) * width + NPZ_OVERHEAD;
        long checkpoints = config.maxSteps() / config.checkpointEvery() + 1;
        return checkpoints * (model + (keepsOptimizerState ? state : 0)) + 2 * state;
    }

    /**
     * Refuses, saying what to do, a run whose disk has no room for what it may still write into {@code dir}
     * (less what a resumed run holds there already).
     */
    public static void requireRoom(RunConfig config, boolean keepsOptimizerState, Path dir) {
        long need = bytesAtMost(config, keepsOptimizerState) - FileTrees.size(dir);
        long free = FileTrees.freeSpace(dir);
        if (need > free) {
            throw new IllegalStateException(String.format("%s may write up to %s more (checkpoints every %d steps up to step %d) and its disk has %s "
                            + "free: free some (the checkpoints of runs whose analyses are done can go), or train into another --out",
                    dir, gigabytes(need), config.checkpointEvery(), config.maxSteps(), gigabytes(free)));
        }
    }

    /** "0.47 GB". */
    public static String gigabytes(long bytes) {
        return String.format("%.2f GB", bytes / 1e9);
    }
}
