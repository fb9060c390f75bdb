package org.sedlab.slurm;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.sedlab.io.AtomicFile;
import org.sedlab.io.FileTrees;
import org.sedlab.sweep.SweepUnit;

/**
 * A sweep submitted to Slurm: a folder holding the unit list and the batch script, and one job array
 * per dependency level ({@link ArrayPlan}), each after the one before has ended
 * ({@code --dependency=afterany}: a failed training must not cancel the analyses of the others; a task
 * whose input failed says so and fails itself).
 *
 * @param folder where the unit list, the script and the tasks' console output go
 */
public record SlurmSweep(Path folder, ArrayPlan plan, BatchScript script) {
    public static final String SCRIPT = "sweep.sbatch";
    public static final String UNIT_LIST = "units.txt";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final long SBATCH_SECONDS = 120;

    /** A new folder for a submission of this section: {@code <parent>/<section>-<timestamp>}. */
    public static Path newFolder(Path parent, String section) {
        String stem = section + "-" + LocalDateTime.now().format(STAMP);
        Path folder = parent.resolve(stem).toAbsolutePath();
        for (int n = 2; Files.exists(folder); n++) folder = parent.resolve(stem + "-" + n).toAbsolutePath();
        return folder;
    }

    public static Path unitList(Path folder) { return folder.resolve(UNIT_LIST); }

    public static Path taskLogs(Path folder) { return folder.resolve("logs"); }

    /** Fails with one line when this machine cannot submit: before anything is written. */
    public static void requireSbatch() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "sbatch"))) return;
        }
        throw new IllegalStateException("--slurm needs sbatch, which is not on this machine's PATH: run on a Slurm login node, or use --dry-run");
    }

    /** The sbatch command line of one array; every array after the first starts once the job before it has ended. */
    public List<String> sbatchCommand(int array, String previousJob) {
        List<String> c = new ArrayList<>(List.of("sbatch", "--parsable",
                "--array=" + plan.arrays().get(array).spec(script.options().maxParallel())));
        if (array > 0) c.add("--dependency=afterany:" + previousJob);
        c.add(folder.resolve(SCRIPT).toString());
        return c;
    }

    /** What --dry-run shows: the unit list with task indices, the script, and the submissions. */
    public void describe(PrintStream out) {
        out.printf("slurm: %d units to run in %d job array(s); folder %s (not written: dry run)%n",
                plan.units().size(), plan.arrays().size(), folder);
        printUnits(out);
        out.println("---- " + folder.resolve(SCRIPT));
        out.print(script.text());
        out.println("----");
        for (int i = 0; i < plan.arrays().size(); i++) out.println(String.join(" ", sbatchCommand(i, "<job id of the line above>")));
    }

    /** Writes the folder, submits the arrays and says how to watch them; the job ids in order. */
    public List<String> submit(PrintStream out) throws InterruptedException {
        try {
            Files.createDirectories(taskLogs(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        AtomicFile.writeString(unitList(folder), plan.units().stream().map(SweepUnit::id).collect(Collectors.joining("\n", "", "\n")));
        AtomicFile.writeString(folder.resolve(SCRIPT), script.text());
        out.printf("slurm: %d units to run in %d job array(s); unit list and script in %s%n", plan.units().size(),
                plan.arrays().size(), folder);
        printUnits(out);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < plan.arrays().size(); i++) {
            String job;
            try {
                job = sbatch(sbatchCommand(i, i == 0 ? null : jobs.get(i - 1)), jobs);
            } catch (RuntimeException e) {
                // Nothing submitted: the folder would only mislead; once a job runs, it needs the folder's script.
                if (jobs.isEmpty()) FileTrees.delete(folder);
                throw e;
            }
            jobs.add(job);
            ArrayPlan.Range r = plan.arrays().get(i);
            out.printf("slurm: submitted job %s: units %d-%d%s%n", job, r.first(), r.last(),
                    i == 0 ? "" : ", once job " + jobs.get(i - 1) + " has ended");
        }
        String ids = String.join(",", jobs);
        out.printf("watch:    squeue -j %s%n", ids);
        out.printf("history:  sacct -j %s --format=JobID,JobName,State,Elapsed,ExitCode%n", ids);
        out.printf("logs:     %s/<job>_<index>.out, and each unit's own log beside its claim in the runs folder's logs/%n", taskLogs(folder));
        out.printf("resubmit: sbatch --array=<index> %s   (one unit; done units are skipped anyway)%n", folder.resolve(SCRIPT));
        return jobs;
    }

    private void printUnits(PrintStream out) {
        for (int i = 0; i < plan.units().size(); i++) {
            SweepUnit u = plan.units().get(i);
            out.printf("  %3d  %-28s %s%n", i, u.id(), u.commandLine());
        }
    }

    /** Runs sbatch and returns the job id it prints; a failure names the jobs already submitted. */
    private static String sbatch(List<String> command, List<String> submitted) throws InterruptedException {
        String already = submitted.isEmpty() ? "" : " (already submitted: " + String.join(",", submitted) + ")";
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(SBATCH_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("sbatch did not answer in " + SBATCH_SECONDS + " s" + already);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String job = output.lines().reduce((a, b) -> b).orElse("").split(";")[0].trim();
            if (p.exitValue() != 0 || !job.matches("\\d+")) {
                throw new IllegalStateException("sbatch failed (exit " + p.exitValue() + "): " + output.replace('\n', ' ') + already);
            }
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sbatch: " + e.getMessage() + already, e);
        }
    }
}
