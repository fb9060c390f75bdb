package org.sedlab.kernel.exec;

/** A cell called a method or class whose own definition still refers to something undefined. */
public final class UnresolvedReferenceException extends CellException {

    public UnresolvedReferenceException(String message) {
        super(message);
    }
}
