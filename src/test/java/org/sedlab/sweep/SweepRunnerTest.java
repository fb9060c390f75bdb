package org.sedlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.train.RunConfig;

/** The runner with shell commands standing in for sedlab ones: each unit's "command" is a bash script. */
class SweepRunnerTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private SweepRunner runner(int workers) {
        return new SweepRunner(workers, dir.resolve("logs"), args -> List.of("bash", "-c", args.get(0)),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    /** A unit whose script appends its id to order.txt (after checking its inputs exist) and leaves a file. */
    private SweepUnit unit(String id, List<String> needs, String extra) {
        Path made = dir.resolve("runs").resolve(id.replace('/', '-') + ".txt");
        String script = "set -e; mkdir -p " + made.getParent() + "; " + extra + "echo " + id + " >> " + dir.resolve("order.txt")
                + "; echo made > " + made;
        return new SweepUnit(id, needs, List.of(script), dir.resolve("data").resolve(id), List.of(made));
    }

    /** A training unit (it has a run configuration) whose script writes {@code result} into its run folder. */
    private SweepUnit training(String id, String result) {
        Path made = dir.resolve("runs").resolve(id.replace('/', '-') + ".txt");
        String script = "set -e; mkdir -p " + made.getParent() + "; echo " + id + " >> " + dir.resolve("order.txt") + "; echo " + result + " > " + made;
        return new SweepUnit(id, List.of(), List.of(script), dir.resolve("data").resolve(id), List.of(made), RunConfig.forTask("add").build());
    }

    @Test
    void aDoneTrainingUnitWhoseRunIsNotHereIsTrainedAgainOnceForTheUnitsThatReadIt() throws Exception {
        SweepUnit train = training("train/a", "trained");
        assertTrue(runner(1).run(List.of(train)).ok(), console.toString());
        String record = Files.readString(train.output().resolve(SweepUnit.RECORD));
        Files.delete(dir.resolve("runs/train-a.txt")); // a fresh clone: the committed results, no run folder
        Files.delete(dir.resolve("order.txt"));
        assertTrue(train.runIsMissing());

        String readsRun = "test -f " + dir.resolve("runs/train-a.txt") + "; ";
        List<SweepUnit> units = List.of(train, unit("sed/a", List.of("train/a"), readsRun), unit("norms/a", List.of("train/a"), readsRun));
        SweepRunner.Summary s = runner(2).run(units);
        assertTrue(s.ok(), console.toString());
        List<String> order = Files.readAllLines(dir.resolve("order.txt"));
        assertEquals("train/a", order.get(0), "trained again first: " + order);
        assertEquals(3, order.size(), "trained again once for both readers: " + order);
        assertEquals(List.of("sed/a", "norms/a"), s.ran(), "the restored unit is not counted as run");
        assertEquals(record, Files.readString(train.output().resolve(SweepUnit.RECORD)), "its record is left as it was");
        assertFalse(train.runIsMissing());
        assertTrue(console.toString().contains("sweep: restored train/a"), console.toString());
    }

    @Test
    void aRunTrainedAgainThatDiffersFromItsCommittedResultsBlocksWhatReadsIt() throws Exception {
        assertTrue(runner(1).run(List.of(training("train/a", "trained"))).ok(), console.toString());
        Files.delete(dir.resolve("runs/train-a.txt"));
        SweepUnit changed = training("train/a", "otherwise"); // the same unit, code whose numerics changed since
        SweepRunner.Summary s = runner(1).run(List.of(changed, unit("sed/a", List.of("train/a"), ""), unit("train/b", List.of(), "")));
        assertFalse(s.ok());
        assertEquals(List.of("train/a"), s.failed());
        assertEquals(List.of("sed/a"), s.blocked());
        assertEquals(List.of("train/b"), s.ran());
        assertTrue(console.toString().contains("train/a trained again differs from its committed results, first at train-a.txt"), console.toString());
        assertEquals("trained", Files.readString(changed.output().resolve("train-a.txt")).trim(), "the committed results are left as they were");
    }

    @Test
    void runsUnitsAfterWhatTheyNeedPublishesFilesAndSkipsThemNextTime() throws Exception {
        List<SweepUnit> units = List.of(
                unit("sed/a", List.of("train/a"), "test -f " + dir.resolve("runs/train-a.txt") + "; "),
                unit("train/a", List.of(), "sleep 0.3; "),
                unit("train/b", List.of(), ""));
        SweepRunner.Summary first = runner(2).run(units);
        assertTrue(first.ok(), console.toString());
        assertEquals(3, first.ran().size());
        List<String> order = Files.readAllLines(dir.resolve("order.txt"));
        assertTrue(order.indexOf("train/a") < order.indexOf("sed/a"), order.toString());
        for (SweepUnit u : units) {
            assertTrue(u.isDone());
            assertTrue(Files.isRegularFile(u.output().resolve(u.id().replace('/', '-') + ".txt")));
            String record = Files.readString(u.output().resolve(SweepUnit.RECORD));
            assertTrue(record.contains("\"command\"") && record.contains("\"git_commit\""), record);
        }

        SweepRunner.Summary second = runner(2).run(units);
        assertEquals(List.of(), second.ran());
        assertEquals(3, second.skipped().size());
        assertEquals(3, Files.readAllLines(dir.resolve("order.txt")).size(), "nothing ran again");
    }

    @Test
    void twoSweepsOnTheSameFoldersShareTheUnitsInsteadOfRepeatingThem() throws Exception {
        List<SweepUnit> units = List.of(unit("train/a", List.of(), "sleep 0.5; "), unit("train/b", List.of(), "sleep 0.5; "),
                unit("sed/a", List.of("train/a"), "sleep 0.5; "), unit("sed/b", List.of("train/b"), "sleep 0.5; "));
        var other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var second = other.submit(() -> runner(1).run(units));
            SweepRunner.Summary first = runner(1).run(units);
            SweepRunner.Summary secondSummary = second.get();
            assertTrue(first.ok() && secondSummary.ok(), console.toString());
            assertEquals(4, first.ran().size() + secondSummary.ran().size(), console.toString());
        } finally {
            other.shutdown();
        }
        List<String> order = Files.readAllLines(dir.resolve("order.txt"));
        assertEquals(4, order.size(), "each unit ran once: " + order);
        assertEquals(4, Set.copyOf(order).size());
    }

    @Test
    void unitsRunSingleThreadedAndInheritTheSweepsCommit() throws Exception {
        Path seen = dir.resolve("env.txt");
        SweepUnit u = new SweepUnit("train/env", List.of(), List.of("echo $OMP_NUM_THREADS $SEDLAB_GIT_COMMIT > " + seen),
                dir.resolve("data/env"), List.of());
        assertTrue(runner(1).run(List.of(u)).ok(), console.toString());
        assertEquals("1 " + org.sedlab.provenance.Provenance.gitCommit(), Files.readString(seen).trim());
    }

    @Test
    void theRecordHoldsTheCpuTimeOfTheUnitsProcessesAndNotTheirSleep() throws Exception {
        // a child process that does a fixed amount of work (about 2 s of CPU, however busy the machine), then the unit sleeps 1 s
        SweepUnit u = new SweepUnit("train/cpu", List.of(), List.of("bash -c 'i=0; while [ $i -lt 600000 ]; do i=$((i+1)); done'; sleep 1"),
                dir.resolve("data/cpu"), List.of());
        assertTrue(runner(1).run(List.of(u)).ok(), console.toString());
        String record = Files.readString(u.output().resolve(SweepUnit.RECORD));
        double cpu = Double.parseDouble(record.replaceAll("(?s).*\"cpu_seconds\": ([0-9.eE-]+).*", "$1"));
        double wall = Double.parseDouble(record.replaceAll("(?s).*\"wall_seconds\": ([0-9.eE-]+).*", "$1"));
        assertTrue(cpu > 0.5 && cpu < wall - 0.5, "cpu " + cpu + " s of wall " + wall + " s: " + record);
    }

    @Test
    void aUnitRunAgainAfterAFailedAttemptCountsTheTimeOfBoth() throws Exception {
        // the first attempt works about 1 s of CPU, then fails; the second works as long and succeeds
        Path marker = dir.resolve("failed-once");
        String work = "bash -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'; ";
        SweepUnit u = new SweepUnit("train/again", List.of(), List.of(work + "if [ ! -f " + marker + " ]; then touch " + marker + "; exit 5; fi"),
                dir.resolve("data/again"), List.of());
        assertEquals(List.of("train/again"), runner(1).run(List.of(u)).failed());
        Path ledger = new SweepLogs(dir.resolve("logs")).attempts("train/again");
        UnitAttempts first = UnitAttempts.read(ledger, u.commandLine());
        assertEquals(1, first.attempts());
        assertTrue(first.cpuSeconds() > 0.2, "the failed attempt's CPU is kept: " + first);
        assertEquals(0, UnitAttempts.read(ledger, "another command").attempts(), "a ledger counts only for its own command");

        assertTrue(runner(1).run(List.of(u)).ok(), console.toString());
        String record = Files.readString(u.output().resolve(SweepUnit.RECORD));
        double cpu = Double.parseDouble(record.replaceAll("(?s).*\"cpu_seconds\": ([0-9.eE-]+).*", "$1"));
        assertTrue(record.contains("\"attempts\": 2"), record);
        assertTrue(cpu > first.cpuSeconds() + 0.2, "both attempts' CPU: " + cpu + " after " + first.cpuSeconds() + " in the first");
        assertFalse(Files.exists(ledger), "a finished unit's ledger is gone");
    }

    @Test
    void aFailedUnitBlocksOnlyWhatNeedsItAndLeavesNoRecord() throws Exception {
        SweepUnit broken = unit("train/x", List.of(), "echo working; echo 'sedlab: the disk is full: free some' >&2; echo; exit 3; ");
        SweepUnit needsBroken = unit("sed/x", List.of("train/x"), "");
        SweepUnit independent = unit("train/y", List.of(), "");
        SweepRunner.Summary s = runner(1).run(List.of(broken, needsBroken, independent));
        assertFalse(s.ok());
        assertEquals(List.of("train/x"), s.failed());
        assertEquals(List.of("sed/x"), s.blocked());
        assertEquals(List.of("train/y"), s.ran());
        assertFalse(broken.isDone());
        // the failed command's last line, what went wrong and what to do, is in the sweep's report
        assertTrue(console.toString().contains("FAILED train/x (exit 3): sedlab: the disk is full: free some; see "), console.toString());
    }

    @Test
    void aUnitThatLeavesNoFileToPublishFails() throws Exception {
        SweepUnit u = new SweepUnit("train/z", List.of(), List.of("true"), dir.resolve("data/z"), List.of(dir.resolve("missing.json")));
        assertEquals(List.of("train/z"), runner(1).run(List.of(u)).failed());
        assertTrue(console.toString().contains("did not leave"), console.toString());
    }

    @Test
    void unknownDependencyAndBadWorkerCountAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runner(1).run(List.of(unit("sed/q", List.of("train/q"), ""))));
        assertTrue(e.getMessage().contains("needs unknown unit train/q"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> runner(0));
    }
}
