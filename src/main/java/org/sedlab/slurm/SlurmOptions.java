package org.sedlab.slurm;

import java.util.regex.Pattern;

/**
 * What a sweep asks of Slurm, checked before anything is written or submitted.
 *
 * @param partition   the partition, or null for the cluster's default
 * @param maxParallel at most this many tasks of an array run at once (the {@code %K} of {@code --array})
 * @param time        each task's time limit in a form sbatch takes ("90", "4:00:00", "1-12"), or null for the partition's
 */
public record SlurmOptions(String partition, int maxParallel, String time) {
    public static final int DEFAULT_MAX_PARALLEL = 100;

    /** minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes, days-hours:minutes:seconds */
    private static final Pattern TIME = Pattern.compile("\\d+(:\\d{1,2}){0,2}|\\d+-\\d+(:\\d{1,2}){0,2}|(?i)unlimited|infinite");
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.,-]+");

    public SlurmOptions {
        if (partition != null && !PARTITION.matcher(partition).matches()) {
            throw new IllegalArgumentException("--partition must be a Slurm partition name (letters, digits, _ . - ,), got '" + partition + "'");
        }
        if (maxParallel < 1) throw new IllegalArgumentException("--max-parallel must be at least 1, got " + maxParallel);
        if (time != null && !TIME.matcher(time).matches()) {
            throw new IllegalArgumentException("--time must be a Slurm time limit such as 90, 4:00:00 or 1-12:00:00, got '" + time + "'");
        }
    }
}
