package org.sedlab.kernel.exec;

/** A snippet of the cell did not compile; the message shows the offending lines and javac's words. */
public final class CompilationException extends CellException {

    public CompilationException(String message) {
        super(message);
    }
}
