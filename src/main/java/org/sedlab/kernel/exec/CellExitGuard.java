package org.sedlab.kernel.exec;

import java.security.Permission;

/**
 * Keeps notebook code from ending the kernel: {@code System.exit} called on a cell thread (or a thread
 * a cell started, which inherits its thread group) fails in that cell instead, and the kernel with its
 * variables lives on. Everything else is allowed, as without a security manager.
 */
public final class CellExitGuard extends SecurityManager {

    /** Cells run on threads of this group; threads they start join it unless told otherwise. */
    static final ThreadGroup CELL_THREADS = new ThreadGroup("notebook-cells");

    CellExitGuard() {
    }

    /**
     * Installs the guard for this JVM; returns false where the JVM no longer has security managers
     * (Java 24 and later, or 18 and later without -Djava.security.manager=allow). Java 17 prints a
     * deprecation notice to the kernel's stderr (Jupyter's log), which cannot be silenced.
     */
    @SuppressWarnings("removal")
    public static boolean install() {
        try {
            System.setSecurityManager(new CellExitGuard());
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public void checkExit(int status) {
        if (CELL_THREADS.parentOf(Thread.currentThread().getThreadGroup())) {
            throw new ExitRefusedException();
        }
    }

    @Override
    public void checkPermission(Permission permission) {
        // allowed: the guard is about exit only
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        // allowed: the guard is about exit only
    }
}
