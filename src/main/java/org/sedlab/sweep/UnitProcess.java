package org.sedlab.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.sedlab.io.AtomicFile;
import org.sedlab.io.FileClaim;
import org.sedlab.io.ResultComparison;
import org.sedlab.provenance.Provenance;
import org.sedlab.provenance.ResultRecord;

/**
 * One unit's sedlab command running in a process of its own while this process holds the unit's
 * claim, and its publication once it has exited: the files it left outside its folder are copied in,
 * then {@value SweepUnit#RECORD} is written last. A local sweep and a Slurm array task both run units
 * through this, so a unit is done the same way wherever it ran; both also restore through it a done
 * training unit's run that a unit needs and this machine does not have.
 */
public final class UnitProcess {
    private final SweepUnit unit;
    private final boolean restoring;
    private final Process process;
    private final Path log;
    private final FileClaim claim;
    private final long startedNanos;
    private final Instant started;
    /** The CPU time last seen for the unit's process and each process it started, by pid. */
    private final Map<Long, Duration> cpuByProcess = new HashMap<>();
    /** What the unit's earlier, unfinished attempts spent, and where this one's running total is kept. */
    private final UnitAttempts earlier;
    private final Path attemptsFile;
    private long savedNanos;

    private UnitProcess(SweepUnit unit, boolean restoring, Process process, Path log, FileClaim claim, Path attemptsFile) {
        this.unit = unit;
        this.restoring = restoring;
        this.process = process;
        this.log = log;
        this.claim = claim;
        this.attemptsFile = attemptsFile;
        this.earlier = UnitAttempts.read(attemptsFile, unit.commandLine());
        this.startedNanos = System.nanoTime();
        this.savedNanos = startedNanos;
        this.started = Instant.now();
    }

    /**
     * Starts the unit's command, its console output in the unit's log; the claim is released when the
     * unit is finished (or here, if it cannot start).
     *
     * @param launcher turns the unit's sedlab arguments into the process command line
     */
    public static UnitProcess start(SweepUnit unit, FileClaim claim, SweepLogs logs,
                                    Function<List<String>, List<String>> launcher, PrintStream out) {
        out.printf("sweep: start %s: %s%n", unit.id(), unit.commandLine());
        return launch(unit, false, claim, logs, launcher, out);
    }

    /**
     * Trains a done training unit's run again because a unit that reads it finds its run folder without it
     * ({@link SweepUnit#runIsMissing}); once it has exited, its results are compared with the committed ones
     * instead of being published, and the unit's record is left as it is.
     */
    public static UnitProcess restore(SweepUnit unit, FileClaim claim, SweepLogs logs,
                                      Function<List<String>, List<String>> launcher, PrintStream out) {
        out.printf("sweep: restore %s, whose run folder is not here, to read it: %s%n", unit.id(), unit.commandLine());
        return launch(unit, true, claim, logs, launcher, out);
    }

    private static UnitProcess launch(SweepUnit unit, boolean restoring, FileClaim claim, SweepLogs logs,
                                      Function<List<String>, List<String>> launcher, PrintStream out) {
        String name = (restoring ? RESTORE : "") + unit.id();
        Path log = logs.log(name);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(launcher.apply(unit.arguments()));
            // Each unit is single-threaded: two one-thread processes beat one two-thread process here.
            pb.environment().put("OMP_NUM_THREADS", "1");
            // The unit runs this sweep's code, so its records name this sweep's commit.
            pb.environment().put(Provenance.COMMIT_VARIABLE, Provenance.gitCommit());
            SweepLeader.lead(pb);
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            return new UnitProcess(unit, restoring, pb.start(), log, claim, logs.attempts(name));
        } catch (IOException e) {
            claim.close();
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The prefix of a restoration's log and ledger, beside the unit's own. */
    private static final String RESTORE = "restore-";

    /** Whether this process trains a done unit's run again rather than computing the unit. */
    public boolean restoring() { return restoring; }

    public SweepUnit unit() { return unit; }

    /** Whether the unit still runs; each call also samples its CPU time (unreadable once a process has exited). */
    public boolean isAlive() {
        sampleCpu();
        return process.isAlive();
    }

    public void waitFor() throws InterruptedException {
        while (!process.waitFor(CPU_SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) sampleCpu();
    }

    private static final long CPU_SAMPLE_MILLIS = 500;
    /** How often the running total is saved: what a killed sweep loses of a unit's count at most. */
    private static final long SAVE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private void sampleCpu() {
        Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants()).forEach(h ->
                h.info().totalCpuDuration().ifPresent(d -> cpuByProcess.merge(h.pid(), d, (a, b) -> a.compareTo(b) >= 0 ? a : b)));
        long now = System.nanoTime();
        if (now - savedNanos >= SAVE_NANOS) {
            savedNanos = now;
            spentSoFar().save(attemptsFile);
        }
    }

    /** Every attempt's time, this one's until now. */
    private UnitAttempts spentSoFar() {
        return earlier.plus(cpuSeconds(), (System.nanoTime() - startedNanos) / 1e9);
    }

    /** The unit's CPU time, its processes' last samples summed: short of the truth by at most the last interval of each. */
    double cpuSeconds() {
        return cpuByProcess.values().stream().mapToLong(Duration::toNanos).sum() / 1e9;
    }

    /** Ends the unit's process (a sweep that stops takes its units with it); its results never count, its time does. */
    public void stop() {
        process.destroy();
        spentSoFar().save(attemptsFile);
    }

    /**
     * Once the process has exited: publishes the unit if it succeeded, releases the claim and reports.
     *
     * @return whether the unit is now done
     */
    public boolean finish(PrintStream out) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        UnitAttempts spent = spentSoFar();
        boolean ok;
        try {
            ok = process.exitValue() == 0 && (restoring ? sameAsCommitted(out) : publish(spent, out));
            if (ok) UnitAttempts.forget(attemptsFile);
            else spent.save(attemptsFile); // a failed attempt's time counts when the unit is run again
        } finally {
            claim.close();
        }
        if (ok) out.printf("sweep: %s %s in %.0f s%n", restoring ? "restored" : "done", unit.id(), seconds);
        else out.printf("sweep: FAILED %s%s (exit %d)%s; see %s%n", restoring ? "restoring " : "", unit.id(), process.exitValue(),
                lastLine(log).map(line -> ": " + line).orElse(""), log);
        return ok;
    }

    /** The log's last line that says something: a failed command's one line on what went wrong and what to do. */
    private static Optional<String> lastLine(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> !line.isBlank()).reduce((first, second) -> second);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // the report then names the log alone
        }
    }

    /** Whether the run trained again gives the committed results; says where it does not. */
    private boolean sameAsCommitted(PrintStream out) {
        Path run = unit.runFolder().orElseThrow();
        Optional<ResultComparison.Difference> d = ResultComparison.compare(unit.output(), run);
        d.ifPresent(difference -> out.printf("sweep: %s trained again differs from its committed results, first at %s: this code does not "
                + "reproduce them, or %s held another run already (remove it to train it again); nothing is computed from it%n",
                unit.id(), difference.describe(), run));
        return d.isEmpty();
    }

    /**
     * Copies the unit's published files into its folder, then writes its record (wall and CPU time over every
     * attempt); false if a file is missing.
     */
    private boolean publish(UnitAttempts spent, PrintStream out) {
        try {
            Files.createDirectories(unit.output());
            for (Path file : unit.publish()) {
                if (!Files.isRegularFile(file)) {
                    out.printf("sweep: %s did not leave %s%n", unit.id(), file);
                    return false;
                }
                AtomicFile.write(unit.output().resolve(file.getFileName()), copy -> Files.copy(file, copy));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not publish the results of " + unit.id() + ": " + e.getMessage(), e);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("unit", unit.id());
        record.put("command", unit.commandLine());
        record.put("needs", unit.dependsOn());
        record.put("started", started.toString());
        record.put("finished", Instant.now().toString());
        record.put("wall_seconds", spent.wallSeconds());
        record.put("cpu_seconds", spent.cpuSeconds());
        record.put("attempts", spent.attempts());
        ResultRecord.write(unit.output().resolve(SweepUnit.RECORD), record);
        return true;
    }
}
