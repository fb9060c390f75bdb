package org.sedlab.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.io.FileClaim;
import org.sedlab.train.RunDirectory;

/** A real sweep process running a real unit process, killed with SIGKILL: the unit dies too and its run lock is free. */
class SweepLeaderTest {
    @TempDir Path dir;

    /** The sweep: one unit, a JVM running {@link Unit}. */
    public static final class Leader {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            String java = ProcessHandle.current().info().command().orElse("java");
            SweepUnit unit = new SweepUnit("train/forever", List.of(), List.of(dir.toString()), dir.resolve("data"), List.of());
            new SweepRunner(1, dir.resolve("logs"),
                    a -> List.of(java, "-cp", System.getProperty("java.class.path"), Unit.class.getName(), a.get(0)), System.out)
                    .run(List.of(unit));
        }
    }

    /** A unit that claims a run directory as training does, says its PID, and works for a minute. */
    public static final class Unit {
        public static void main(String[] args) throws Exception {
            SweepLeader.exitWithLeader();
            Path dir = Path.of(args[0]);
            try (FileClaim claim = new RunDirectory(dir.resolve("run")).claim()) {
                // Written whole, then moved in place: the test reads it as soon as it exists.
                Path pid = Files.writeString(dir.resolve("unit.pid.tmp"), Long.toString(ProcessHandle.current().pid()));
                Files.move(pid, dir.resolve("unit.pid"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Thread.sleep(60_000);
            }
        }
    }

    @Test
    void aKilledSweepTakesItsUnitWithItAndItsRunLockIsTakenOver() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process leader = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Leader.class.getName(),
                dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("leader.log").toFile()).start();
        try {
            Path pidFile = dir.resolve("unit.pid");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(pidFile) && System.nanoTime() < deadline) Thread.sleep(100);
            assertTrue(Files.exists(pidFile), "the unit started: " + Files.readString(dir.resolve("leader.log")));
            ProcessHandle unit = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElseThrow();

            leader.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
            // The next sweep's unit claims the run while the old unit may still be ending.
            try (FileClaim taken = new RunDirectory(dir.resolve("run")).claim()) {
                unit.onExit().get(10, TimeUnit.SECONDS); // throws if the unit outlives its sweep
                assertFalse(unit.isAlive());
            }
            assertTrue(Files.readString(dir.resolve("logs/train/forever.log")).contains("has ended; stopping"));
        } finally {
            leader.destroyForcibly();
        }
    }
}
