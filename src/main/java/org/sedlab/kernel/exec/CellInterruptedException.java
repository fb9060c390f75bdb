package org.sedlab.kernel.exec;

/** The user interrupted the cell (the notebook's stop button or an interrupt request). */
public final class CellInterruptedException extends CellException {

    public CellInterruptedException() {
        super("The cell was interrupted; the kernel is still running and keeps its state.");
    }
}
