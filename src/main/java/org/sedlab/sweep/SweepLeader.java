package org.sedlab.sweep;

import java.util.Optional;

/**
 * Ties the sedlab processes a sedlab process starts to it: a sweep's units, fisher-scale's measuring
 * processes. Each is started with its parent's PID in {@value #PID_VARIABLE} and exits once that
 * process has ended, so a killed parent (SIGKILL runs no shutdown hook) leaves no child holding a
 * run's lock, writing into its folders or using memory.
 */
public final class SweepLeader {
    public static final String PID_VARIABLE = "SEDLAB_SWEEP_PID";
    private static final long POLL_MILLIS = 200;
    /** The exit code of a unit stopped because its sweep ended (as if by SIGTERM). */
    private static final int ORPHANED = 143;

    private SweepLeader() {}

    /** Gives a child sedlab process this process's PID as its leader. */
    public static void lead(ProcessBuilder unit) {
        unit.environment().put(PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * In a process started by a sweep, watches the sweep from a daemon thread and exits the process
     * when it has ended; does nothing in a process started otherwise.
     */
    public static void exitWithLeader() {
        String pid = System.getenv(PID_VARIABLE);
        if (pid == null || pid.isBlank()) return;
        Optional<ProcessHandle> leader;
        try {
            leader = ProcessHandle.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PID_VARIABLE + " must be a process id, got '" + pid + "': a sweep sets it for its units; unset it to run sedlab yourself");
        }
        Thread watch = new Thread(() -> {
            while (leader.isPresent() && leader.get().isAlive()) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("sedlab: the sweep that started this unit (pid " + pid.trim() + ") has ended; stopping");
            System.exit(ORPHANED);
        }, "sweep-leader-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
