package org.sedlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** PyTorch's clip_grad_norm_: scale the whole gradient by max_norm/(norm + 1e-6) when that is below 1. */
public final class GlobalNormClip {
    private GlobalNormClip() {}

    /** Clips in place and returns the norm before clipping. */
    public static double clip(INDArray grad, double maxNorm) {
        double norm = grad.norm2Number().doubleValue();
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) grad.muli(coefficient);
        return norm;
    }
}
