package org.sedlab.kernel.exec;

/** Carries a java.lang.Error a cell threw (the kernel's reply path only handles Exceptions). */
public final class UncaughtError extends RuntimeException {

    public UncaughtError(Error error) {
        super(error.toString(), error);
    }
}
