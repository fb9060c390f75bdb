package org.sedlab.kernel.exec;

/**
 * A cell failed for a reason the user should read as a message, without a stack trace:
 * it did not compile, was interrupted, ran out of time, or used a magic wrongly.
 * Subclasses name the kind of failure; the notebook shows that name as the error name.
 */
public class CellException extends RuntimeException {

    public CellException(String message) {
        // No stack trace: it would show the kernel's own frames, which say nothing about the cell.
        super(message, null, false, false);
    }
}
