package org.sedlab.sweep;

import java.nio.file.Path;

/**
 * The folder where a sweep keeps each unit's console log and claim file. Every process that runs
 * units of the same folders, a local sweep or a Slurm array task, uses the same files, so they see
 * each other's claims.
 */
public record SweepLogs(Path dir) {
    public Path log(String unitId) { return dir.resolve(unitId + ".log"); }

    public Path claim(String unitId) { return dir.resolve(unitId + ".claim"); }

    /** The time the unit's unfinished attempts have spent ({@link UnitAttempts}). */
    public Path attempts(String unitId) { return dir.resolve(unitId + ".attempts.json"); }
}
