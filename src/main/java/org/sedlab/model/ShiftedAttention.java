package org.sedlab.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves a model's attention parameters to theta_attn + h v while it is open, for measurements at nearby
 * points (central differences). Closing writes back a copy of the original values, so they are restored
 * bit for bit, even when a measurement throws; subtracting the shift again would round.
 */
public final class ShiftedAttention implements AutoCloseable {
    private final INDArray attention;
    private final INDArray original;

    public ShiftedAttention(Parameters params) {
        this.attention = params.attention();
        this.original = attention.dup();
    }

    /** Sets theta_attn to its original values plus {@code h} times {@code direction} (of the attention's type and length). */
    public void to(INDArray direction, double h) {
        INDArray shift = direction.mul(h);
        attention.assign(original).addi(shift);
        NativeMemory.free(shift);
    }

    @Override
    public void close() {
        attention.assign(original);
        NativeMemory.free(original);
    }
}
