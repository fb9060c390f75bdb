package org.sedlab.kernel.exec;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The guard's rule, without installing it in the test JVM: exit is refused on cell threads only. */
class CellExitGuardTest {

    private final CellExitGuard guard = new CellExitGuard();

    @Test
    void theKernelsOwnThreadsMayExit() {
        guard.checkExit(0);
    }

    @Test
    void cellThreadsAndThreadsTheyStartMayNot() throws InterruptedException {
        AtomicReference<Throwable> inCell = new AtomicReference<>();
        AtomicReference<Throwable> inChild = new AtomicReference<>();
        Thread cell = new Thread(CellExitGuard.CELL_THREADS, () -> {
            inCell.set(exitFailure());
            Thread child = new Thread(() -> inChild.set(exitFailure()));
            child.start();
            try {
                child.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        cell.start();
        cell.join();
        assertInstanceOf(ExitRefusedException.class, inCell.get());
        assertInstanceOf(ExitRefusedException.class, inChild.get());
        assertEquals("System.exit is not allowed in a notebook cell; the kernel keeps running", inCell.get().getMessage());
    }

    private Throwable exitFailure() {
        try {
            guard.checkExit(3);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
