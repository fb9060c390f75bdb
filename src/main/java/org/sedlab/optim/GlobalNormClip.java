package org.sedlab.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.linalg.Blas;

/** PyTorch's clip_grad_norm_: scale the whole gradient by max_norm/(norm + 1e-6) when that is below 1. */
public final class GlobalNormClip {
    private GlobalNormClip() {}

    /** Clips in place and returns the norm before clipping. */
    public static double clip(INDArray grad, double maxNorm) {
        boolean float32 = grad.dataType() == DataType.FLOAT;
        // float32 in Java, summed in order in double: one pass, and the same bits on every machine
        double norm = float32 ? Blas.norm2((int) grad.length(), Blas.view(grad)) : grad.norm2Number().doubleValue();
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) {
            if (float32) {
                scale(Blas.view(grad), (float) coefficient);
            } else {
                grad.muli(coefficient);
            }
        }
        return norm;
    }

    private static void scale(FloatBuffer x, float factor) {
        float[] block = new float[4096];
        for (int from = 0, n = x.capacity(); from < n; from += block.length) {
            int len = Math.min(block.length, n - from);
            x.get(from, block, 0, len);
            for (int i = 0; i < len; i++) block[i] *= factor;
            x.put(from, block, 0, len);
        }
    }
}
