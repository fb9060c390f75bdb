package org.sedlab.kernel.exec;

/** A cell called System.exit; the kernel refused and keeps running (see SnippetGuard). */
public final class ExitRefusedException extends CellException {

    public ExitRefusedException() {
        super("System.exit is not allowed in a notebook cell; the kernel keeps running");
    }
}
