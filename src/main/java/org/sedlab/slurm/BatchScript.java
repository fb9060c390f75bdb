package org.sedlab.slurm;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.sedlab.provenance.Provenance;

/**
 * The batch script of a sweep's job arrays: array task i reads line i+1 of the unit list and runs
 * that unit with the given command. Every path in it is absolute, since Slurm runs a copy of the
 * script from its spool folder on the compute node.
 *
 * @param jobName  shown by squeue and sacct
 * @param workDir  where the tasks run: the folder the sweep was started in, so relative paths in the units mean the same
 * @param unitList the unit ids, one a line
 * @param taskLogs where each task's console output goes
 * @param commit   the commit of the code that submitted the sweep, recorded with each result
 * @param command  the command that runs one unit of the sweep when given its id as a last argument
 */
public record BatchScript(String jobName, Path workDir, Path unitList, Path taskLogs, SlurmOptions options,
                          String commit, List<String> command) {
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# One sedlab sweep unit per array task: task i runs the unit on line i+1 of the unit list.\n");
        s.append("# Resubmit one unit alone with: sbatch --array=<i> <this script>\n");
        s.append("# Every path below must be on a file system that the compute nodes share with this machine.\n");
        s.append("#SBATCH --job-name=").append(jobName).append('\n');
        s.append("#SBATCH --chdir=").append(workDir).append('\n');
        s.append("#SBATCH --output=").append(taskLogs.resolve("%A_%a.out")).append('\n');
        s.append("#SBATCH --ntasks=1\n");
        s.append("#SBATCH --cpus-per-task=1\n"); // a unit is one single-threaded process
        if (options.partition() != null) s.append("#SBATCH --partition=").append(options.partition()).append('\n');
        if (options.time() != null) s.append("#SBATCH --time=").append(options.time()).append('\n');
        s.append("set -euo pipefail\n");
        s.append("unit=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" ").append(quote(unitList.toString())).append(")\n");
        s.append("if [ -z \"$unit\" ]; then echo \"sedlab: no unit at index $SLURM_ARRAY_TASK_ID in ")
                .append(unitList).append("\" >&2; exit 2; fi\n");
        s.append("export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1\n");
        s.append("export ").append(Provenance.COMMIT_VARIABLE).append("=").append(quote(commit)).append('\n');
        s.append("exec ").append(command.stream().map(BatchScript::quote).collect(Collectors.joining(" "))).append(" \"$unit\"\n");
        return s.toString();
    }

    /** One shell word, in single quotes unless it needs none. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./:=,+@%-]+")) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
