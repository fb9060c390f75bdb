package org.sedlab.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.cli.Main;
import org.sedlab.paper.section4.Section4;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;

/**
 * `sedlab reproduce section4 --profile quick --slurm` on a real one-node Slurm started here: its
 * results equal the local runner's, file by file (timing and provenance aside); a submission when all
 * is done submits nothing; a sweep half done by a local process is finished by the cluster. Skipped,
 * with the reason, where Slurm cannot run.
 */
class SlurmReproduceIT {
    private static final Duration SWEEP = Duration.ofMinutes(20);
    private static final String SECTION = Section4.NAME;
    private static final List<String> FOLDERS = List.of("--profile", "quick", "--runs", "runs", "--data", "data");

    @TempDir Path tmp;

    @Test
    void quickProfileThroughSlurmEqualsTheLocalRunner() throws Exception {
        LocalSlurm slurm = LocalSlurm.start(tmp.resolve("slurm-daemons"));
        try {
            Path local = Files.createDirectories(tmp.resolve("local"));
            long t0 = System.nanoTime();
            String localOut = sedlab(local, Map.of(), "reproduce", SECTION);
            double localSeconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(localOut.contains("0 failed, 0 not run"), localOut);

            Path cluster = Files.createDirectories(tmp.resolve("cluster"));
            t0 = System.nanoTime();
            String submitted = sedlab(cluster, slurm.environment(), "reproduce", SECTION, "--slurm", "--max-parallel", "2");
            assertTrue(submitted.contains("in 2 job array(s)") && submitted.contains("squeue -j"), submitted);
            awaitSweep(slurm, cluster);
            double slurmSeconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(List.of(), ResultTrees.differences(local.resolve("data"), cluster.resolve("data")), logs(cluster));
            System.out.printf("%s quick profile: %.0f s with the local runner, %.0f s through Slurm (submission to last task)%n",
                    SECTION, localSeconds, slurmSeconds);

            // A submission the cluster refuses submits nothing and leaves no sweep folder behind.
            Path refused = Files.createDirectories(tmp.resolve("refused"));
            String rejected = sedlabFailing(refused, slurm.environment(), "reproduce", SECTION, "--slurm", "--partition", "no-such-partition");
            assertTrue(rejected.contains("sbatch failed"), rejected);
            try (var left = Files.list(Files.createDirectories(refused.resolve("runs/slurm")))) {
                assertEquals(0, left.count(), "no folder left for a sweep that was never submitted");
            }

            String again = sedlab(cluster, slurm.environment(), "reproduce", SECTION, "--slurm");
            assertTrue(again.contains("nothing to submit"), again);

            // A local process trains; the cluster does what is left.
            Path mixed = Files.createDirectories(tmp.resolve("mixed"));
            sedlab(mixed, Map.of(), "run-unit", SECTION, "train/multitask-42");
            String rest = sedlab(mixed, slurm.environment(), "reproduce", SECTION, "--slurm");
            assertTrue(rest.contains("1 of 2 units are done already") && rest.contains("in 1 job array(s)"), rest);
            awaitSweep(slurm, mixed);
            assertEquals(List.of(), ResultTrees.differences(local.resolve("data"), mixed.resolve("data")), logs(mixed));
        } finally {
            slurm.close();
        }
        assertEquals(List.of(), slurm.leftRunning(), "Slurm processes left running");
    }

    /** Waits for the queue to empty, then for every unit to be done. */
    private static void awaitSweep(LocalSlurm slurm, Path folder) throws Exception {
        assertTrue(slurm.awaitEmptyQueue(SWEEP), "the sweep did not finish within " + SWEEP.toMinutes() + " min:\n" + logs(folder));
        for (SweepUnit u : Sections.units(new Section4(), Profile.QUICK, folder.resolve("runs"), folder.resolve("data"))) {
            assertTrue(u.isDone(), u.id() + " is not done:\n" + logs(folder) + slurm.logs());
        }
    }

    /** `sedlab <args> --profile quick --runs runs --data data` in its own JVM in {@code dir}; its output, after asserting it succeeded. */
    private static String sedlab(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return sedlab(dir, env, true, args);
    }

    /** The same, asserting that it failed with sedlab's one-line error (exit 2). */
    private static String sedlabFailing(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return sedlab(dir, env, false, args);
    }

    private static String sedlab(Path dir, Map<String, String> env, boolean succeeds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(FOLDERS);
        Path out = Files.createTempFile(dir, "sedlab", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(SWEEP.toSeconds(), TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly().waitFor();
        String output = Files.readString(out);
        Files.delete(out);
        assertTrue(ended && p.exitValue() == (succeeds ? 0 : 2), String.join(" ", args) + (ended ? " exited " + p.exitValue() : " did not end") + ":\n" + output);
        return output;
    }

    /** Every task's and unit's console output under a sweep's folder, for failure messages. */
    private static String logs(Path folder) throws IOException {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".log")).sorted().toList()) {
                s.append("== ").append(folder.relativize(f)).append('\n').append(Files.readString(f));
            }
        }
        return s.toString();
    }
}
