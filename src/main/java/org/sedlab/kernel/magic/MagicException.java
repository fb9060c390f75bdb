package org.sedlab.kernel.magic;

import org.sedlab.kernel.exec.CellException;

/** A magic was used wrongly or could not do its job; the message says why, with no stack trace. */
public final class MagicException extends CellException {

    public MagicException(String message) {
        super(message);
    }
}
