package org.sedlab.model;

import java.util.Locale;

/**
 * Which implementation computes the model's passes. Both compute the same function; the kernel is
 * the fast one (float32 only), the SameDiff graph the reference and the one for other precisions.
 */
public enum Engine {
    /** Hand-written passes on reused float32 buffers ({@link TransformerKernel}). */
    KERNEL,
    /** The SameDiff graph ({@link TransformerGraph}). */
    SAMEDIFF;

    /** Set with -Dsedlab.engine=samediff or SEDLAB_ENGINE=samediff; the kernel otherwise. */
    public static final String PROPERTY = "sedlab.engine";
    public static final String VARIABLE = "SEDLAB_ENGINE";

    public static Engine configured() {
        String v = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (v == null || v.isBlank()) return KERNEL;
        try {
            return parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (set in " + VARIABLE + " or -D" + PROPERTY + ")");
        }
    }

    /** "kernel" or "samediff", in any case. */
    public static Engine parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown engine '" + name + "': choose kernel or samediff");
        }
    }

    public String id() { return name().toLowerCase(Locale.ROOT); }
}
