package org.sedlab.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.sedlab.io.FileClaim;

/**
 * Runs a sweep's units in child processes, at most {@code workers} at a time, each as soon as the
 * units it needs are done. Units already done are skipped, so an interrupted sweep continues where
 * it stopped; a failed unit is reported and only the units that need it are skipped. A unit is
 * claimed (a file lock in the log folder) while it runs, so two sweeps started on the same folders
 * share the work instead of doing it twice, as do a sweep and Slurm array tasks ({@link UnitTask}).
 * Each unit's console output goes to {@code <logs>/<id>.log}; its results count only once its record
 * is written. A done training unit whose run folder is not here (a fresh clone) is trained again before
 * a unit that reads its checkpoints runs, and must give its committed results ({@link UnitProcess#restore}).
 */
public final class SweepRunner {
    private static final long POLL_MILLIS = 500;

    private final int workers;
    private final SweepLogs logs;
    private final Function<List<String>, List<String>> launcher;
    private final PrintStream out;

    /** @param launcher turns a unit's sedlab arguments into the process command line */
    public SweepRunner(int workers, Path logs, Function<List<String>, List<String>> launcher, PrintStream out) {
        if (workers < 1) throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        this.workers = workers;
        this.logs = new SweepLogs(logs);
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
        Thread stopUnits = new Thread(() -> state.running.values().forEach(UnitProcess::stop));
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
        final Map<String, UnitProcess> running = new ConcurrentHashMap<>();
        /** Done training units whose run folder was found here, or restored. */
        final Set<String> runsHere = new LinkedHashSet<>();

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
            SweepUnit missing = missingRun(state, u);
            if (missing != null) {
                restore(state, missing);
                continue;
            }
            FileClaim claim = FileClaim.tryTake(logs.claim(id)).orElse(null);
            if (claim == null) continue; // another sweep runs it now
            if (u.isDone()) { // another sweep finished it since the check above
                claim.close();
                continue;
            }
            state.pending.remove(id);
            state.running.put(id, UnitProcess.start(u, claim, logs, launcher, out));
        }
    }

    /** The first of the unit's inputs whose run it reads is not here (being restored, or failed to be), or null. */
    private static SweepUnit missingRun(State state, SweepUnit u) {
        for (String need : u.dependsOn()) {
            if (state.runsHere.contains(need)) continue;
            SweepUnit input = state.byId.get(need);
            // a restoration under way or failed: no need to compare the run folder again at every poll
            if (state.running.containsKey(need) || state.failed.contains(need) || input.runIsMissing()) return input;
            state.runsHere.add(need);
        }
        return null;
    }

    /** Trains a done unit's run again, unless that runs already or failed (here or in another sweep). */
    private void restore(State state, SweepUnit input) {
        if (state.running.containsKey(input.id()) || state.failed.contains(input.id())) return;
        FileClaim claim = FileClaim.tryTake(logs.claim(input.id())).orElse(null);
        if (claim == null) return; // another sweep restores it now
        if (!input.runIsMissing()) { // restored since the check above
            claim.close();
            state.runsHere.add(input.id());
            return;
        }
        state.running.put(input.id(), UnitProcess.restore(input, claim, logs, launcher, out));
    }

    private void collectFinished(State state) {
        for (UnitProcess p : List.copyOf(state.running.values())) {
            if (p.isAlive()) continue;
            String id = p.unit().id();
            state.running.remove(id);
            if (p.finish(out)) {
                if (p.restoring()) {
                    state.runsHere.add(id);
                } else {
                    state.done.add(id);
                    state.ran.add(id);
                }
            } else {
                state.failed.add(id);
            }
        }
    }
}
