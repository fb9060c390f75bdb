package org.sedlab.kernel.exec;

/** A snippet ran past the kernel's time limit (IJAVA_TIMEOUT / JJAVA_TIMEOUT) and was stopped. */
public final class CellTimeoutException extends CellException {

    public CellTimeoutException(long timeoutMillis) {
        super("The cell ran longer than " + timeoutMillis + " ms and was stopped; the kernel keeps its state.");
    }
}
