package org.sedlab.sweep;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sedlab.io.FileClaim;

/**
 * Runs one unit of a sweep in this process's care, as a Slurm array task does: done already, it
 * does nothing; an input another process (a local sweep, another task) is computing is waited for;
 * an input nobody computes fails the task at once, naming it; a done input whose run is not on this
 * machine is trained again first; a unit claimed elsewhere is waited for rather than run twice. The
 * unit itself runs and is published by {@link UnitProcess}, as in a local sweep.
 */
public final class UnitTask {
    private static final long POLL_MILLIS = 2000;

    private final SweepLogs logs;
    private final Function<List<String>, List<String>> launcher;
    private final PrintStream out;

    /** @param launcher turns a unit's sedlab arguments into the process command line */
    public UnitTask(SweepLogs logs, Function<List<String>, List<String>> launcher, PrintStream out) {
        this.logs = logs;
        this.launcher = launcher;
        this.out = out;
    }

    /**
     * @param byId the sweep's units, where the unit's inputs are found
     * @return whether the unit is done now
     */
    public boolean run(SweepUnit unit, Map<String, SweepUnit> byId) throws InterruptedException {
        if (unit.isDone()) {
            out.printf("sweep: %s is done already%n", unit.id());
            return true;
        }
        for (String need : unit.dependsOn()) {
            SweepUnit input = byId.get(need);
            if (input == null) throw new IllegalArgumentException("unit " + unit.id() + " needs unknown unit " + need);
            if (!awaitInput(input)) {
                out.printf("sweep: not run %s: it needs %s, which is not done and not running; run or resubmit that first%n",
                        unit.id(), need);
                return false;
            }
        }
        for (String need : unit.dependsOn()) {
            if (byId.get(need).runIsMissing() && !restore(byId.get(need))) {
                out.printf("sweep: not run %s: it reads the run of %s, which could not be restored here%n", unit.id(), need);
                return false;
            }
        }
        Optional<FileClaim> claim;
        boolean told = false;
        while ((claim = FileClaim.tryTake(logs.claim(unit.id()))).isEmpty() && !unit.isDone()) {
            // Another process runs it now: its result is ours once published.
            if (!told) out.printf("sweep: waiting for %s, which another process is running%n", unit.id());
            told = true;
            Thread.sleep(POLL_MILLIS);
        }
        if (unit.isDone()) {
            claim.ifPresent(FileClaim::close);
            out.printf("sweep: %s was done by another sweep%n", unit.id());
            return true;
        }
        UnitProcess process = UnitProcess.start(unit, claim.get(), logs, launcher, out);
        try {
            process.waitFor();
        } finally {
            process.stop(); // interrupted (the task cancelled): the unit goes with it
        }
        return process.finish(out);
    }

    /**
     * Trains a done input's run again, here, because its run folder is not here; waits instead while another
     * process holds its claim. Whether the run is here in the end.
     */
    private boolean restore(SweepUnit input) throws InterruptedException {
        Optional<FileClaim> claim;
        while ((claim = FileClaim.tryTake(logs.claim(input.id()))).isEmpty()) Thread.sleep(POLL_MILLIS);
        if (!input.runIsMissing()) { // another process restored it meanwhile
            claim.get().close();
            return true;
        }
        UnitProcess process = UnitProcess.restore(input, claim.get(), logs, launcher, out);
        try {
            process.waitFor();
        } finally {
            process.stop();
        }
        return process.finish(out);
    }

    /** Waits while another process holds the input's claim; whether the input is done in the end. */
    private boolean awaitInput(SweepUnit input) throws InterruptedException {
        boolean told = false;
        while (!input.isDone()) {
            if (!FileClaim.isHeld(logs.claim(input.id()))) return input.isDone(); // it may have been published meanwhile
            if (!told) out.printf("sweep: waiting for %s, which another process is running%n", input.id());
            told = true;
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
