package org.sedlab.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.sedlab.io.AtomicFile;
import org.sedlab.io.FileClaim;
import org.sedlab.provenance.Provenance;
import org.sedlab.provenance.ResultRecord;

/**
 * Runs a sweep's units in child processes, at most {@code workers} at a time, each as soon as the
 * units it needs are done. Units already done are skipped, so an interrupted sweep continues where
 * it stopped; a failed unit is reported and only the units that need it are skipped. A unit is
 * claimed (a file lock in the log folder) while it runs, so two sweeps started on the same folders
 * share the work instead of doing it twice. Each unit's console output goes to
 * {@code <logs>/<id>.log}; its results count only once its record is written.
 */
public final class SweepRunner {
    private static final long POLL_MILLIS = 500;

    private final int workers;
    private final Path logs;
    private final Function<List<String>, List<String>> launcher;
    private final PrintStream out;

    /** @param launcher turns a unit's sedlab arguments into the process command line */
    public SweepRunner(int workers, Path logs, Function<List<String>, List<String>> launcher, PrintStream out) {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        this.workers = workers;
        this.logs = logs;
        this.launcher = launcher;
        this.out = out;
    }

    /** The outcome of a sweep: which units ran here, which were done already (or by another sweep), which failed or could not run. */
    public record Summary(List<String> ran, List<String> skipped, List<String> failed, List<String> blocked) {
        public boolean ok() { return failed.isEmpty() && blocked.isEmpty(); }
    }

    public Summary run(List<SweepUnit> units) throws InterruptedException {
        Map<String, SweepUnit> byId = new LinkedHashMap<>();
        for (SweepUnit u : units) byId.put(u.id(), u);
        for (SweepUnit u : units) {
            for (String need : u.dependsOn()) {
                if (!byId.containsKey(need)) throw new IllegalArgumentException("unit " + u.id() + " needs unknown unit " + need);
            }
        }
        State state = new State(byId);
        out.printf("sweep: %d units, %d already done, %d to run with %d worker(s)%n", units.size(), state.skipped.size(),
                state.pending.size(), workers);
        // An interrupted sweep (Ctrl-C) or one that fails takes its units with it; their half-written
        // results never count. A killed one runs no hook: its units watch it (SweepLeader).
        Thread stopUnits = new Thread(() -> state.running.values().forEach(r -> r.process.destroy()));
        Runtime.getRuntime().addShutdownHook(stopUnits);
        try {
            while (state.hasWork()) {
                startWhatCan(state);
                Thread.sleep(POLL_MILLIS);
                collectFinished(state);
            }
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopUnits);
            stopUnits.run();
        }
        List<String> blocked = List.copyOf(state.pending);
        for (String id : blocked) out.printf("sweep: not run %s: it needs a unit that failed%n", id);
        out.printf("sweep: %d ran, %d done already or elsewhere, %d failed, %d not run%n", state.ran.size(),
                state.skipped.size(), state.failed.size(), blocked.size());
        return new Summary(state.ran, state.skipped, state.failed, blocked);
    }

    /** What the runner knows about each unit. */
    private static final class State {
        final Map<String, SweepUnit> byId;
        final Set<String> pending = new LinkedHashSet<>();
        final Set<String> done = new LinkedHashSet<>();
        final List<String> skipped = new ArrayList<>();
        final List<String> ran = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final Map<String, Running> running = new ConcurrentHashMap<>();

        State(Map<String, SweepUnit> byId) {
            this.byId = byId;
            for (SweepUnit u : byId.values()) {
                if (u.isDone()) {
                    done.add(u.id());
                    skipped.add(u.id());
                } else {
                    pending.add(u.id());
                }
            }
        }

        /** Something runs here, or some pending unit can still run (here or in another sweep). */
        boolean hasWork() {
            if (!running.isEmpty()) return true;
            for (String id : pending) if (!needsFailed(id)) return true;
            return false;
        }

        boolean needsFailed(String id) {
            for (String need : byId.get(id).dependsOn()) {
                if (failed.contains(need) || (pending.contains(need) && needsFailed(need))) return true;
            }
            return false;
        }
    }

    private void startWhatCan(State state) {
        for (String id : List.copyOf(state.pending)) {
            if (state.running.size() >= workers) return;
            SweepUnit u = state.byId.get(id);
            if (u.isDone()) { // finished by another sweep
                state.pending.remove(id);
                state.done.add(id);
                state.skipped.add(id);
                continue;
            }
            if (!u.dependsOn().stream().allMatch(need -> state.done.contains(need) || state.byId.get(need).isDone())) continue;
            FileClaim claim = FileClaim.tryTake(logs.resolve(id + ".claim")).orElse(null);
            if (claim == null) continue; // another sweep runs it now
            if (u.isDone()) { // another sweep finished it since the check above
                claim.close();
                continue;
            }
            state.pending.remove(id);
            state.running.put(id, start(u, claim));
        }
    }

    private void collectFinished(State state) {
        for (Running r : List.copyOf(state.running.values())) {
            if (r.process.isAlive()) continue;
            state.running.remove(r.unit.id());
            double seconds = (System.nanoTime() - r.startedNanos) / 1e9;
            boolean ok = r.process.exitValue() == 0 && finish(r, seconds);
            r.claim.close();
            if (ok) {
                state.done.add(r.unit.id());
                state.ran.add(r.unit.id());
                out.printf("sweep: done %s in %.0f s%n", r.unit.id(), seconds);
            } else {
                state.failed.add(r.unit.id());
                out.printf("sweep: FAILED %s (exit %d); see %s%n", r.unit.id(), r.process.exitValue(), r.log);
            }
        }
    }

    private record Running(SweepUnit unit, Process process, Path log, FileClaim claim, long startedNanos, Instant started) {}

    private Running start(SweepUnit unit, FileClaim claim) {
        Path log = logs.resolve(unit.id() + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(launcher.apply(unit.arguments()));
            // Each worker is single-threaded: two one-thread processes beat one two-thread process here.
            pb.environment().put("OMP_NUM_THREADS", "1");
            // The unit runs this sweep's code, so its records name this sweep's commit.
            pb.environment().put(Provenance.COMMIT_VARIABLE, Provenance.gitCommit());
            SweepLeader.lead(pb);
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            out.printf("sweep: start %s: %s%n", unit.id(), unit.commandLine());
            return new Running(unit, pb.start(), log, claim, System.nanoTime(), Instant.now());
        } catch (IOException e) {
            claim.close();
            throw new UncheckedIOException("could not start " + unit.id() + ": " + e.getMessage(), e);
        }
    }

    /** Copies the unit's published files into its folder, then writes its record; false if a file is missing. */
    private boolean finish(Running r, double seconds) {
        SweepUnit u = r.unit;
        try {
            Files.createDirectories(u.output());
            for (Path file : u.publish()) {
                if (!Files.isRegularFile(file)) {
                    out.printf("sweep: %s did not leave %s%n", u.id(), file);
                    return false;
                }
                AtomicFile.write(u.output().resolve(file.getFileName()), copy -> Files.copy(file, copy));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not publish the results of " + u.id() + ": " + e.getMessage(), e);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("unit", u.id());
        record.put("command", u.commandLine());
        record.put("needs", u.dependsOn());
        record.put("started", r.started.toString());
        record.put("finished", Instant.now().toString());
        record.put("wall_seconds", seconds);
        ResultRecord.write(u.output().resolve(SweepUnit.RECORD), record);
        return true;
    }
}
