package org.sedlab.model;

import org.sedlab.linalg.Blas;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Pairs;

/** The passes computed by {@link TransformerKernel} on the live float32 parameter vector. */
final class KernelPasses implements Passes {
    /** Forward-only passes (evaluation) go in chunks of this many pairs, which bounds the workspace. */
    private static final int CHUNK = 1024;

    private final Architecture arch;
    private final ParameterLayout layout;
    private final TransformerKernel kernel;
    private FloatBuffer[] dLogits = new FloatBuffer[0];

    KernelPasses(Architecture arch, Parameters params) {
        if (params.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the kernel engine computes in float32; these parameters are "
                    + params.dataType() + " (use the samediff engine)");
        }
        this.arch = arch;
        this.layout = params.layout();
        this.kernel = new TransformerKernel(arch, layout, Blas.view(params.flat()));
    }

    @Override
    public INDArray[] allLogits(Pairs x) {
        int n = x.size();
        int vocab = arch.vocab();
        INDArray[] result = new INDArray[arch.heads().size()];
        FloatBuffer[] out = new FloatBuffer[result.length];
        for (int h = 0; h < result.length; h++) {
            result[h] = Nd4j.create(DataType.FLOAT, n, vocab);
            out[h] = Blas.view(result[h].reshape(-1));
        }
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            kernel.forward(x.slice(from, to), false);
            for (int h = 0; h < result.length; h++) out[h].put(from * vocab, kernel.logits(h), 0, (to - from) * vocab);
        }
        return result;
    }

    @Override
    public double loss(Pairs x, int[][] labels, Objective objective, double[] weights) {
        kernel.forward(x, false);
        return LogitObjective.evaluate(objective, logits(), x.size(), arch.vocab(), labels, weights, null);
    }

    @Override
    public double lossAndGradient(Pairs x, int[][] labels, Objective objective, double[] weights, INDArray gradient) {
        kernel.forward(x, true);
        FloatBuffer[] seeds = logitGradients(objective, x.size());
        double value = LogitObjective.evaluate(objective, logits(), x.size(), arch.vocab(), labels, weights, seeds);
        kernel.backward(seeds, slotsOf(gradient));
        return value;
    }

    @Override
    public INDArray embeddingGradient(Pairs x, int[][] labels, Objective objective) {
        kernel.forward(x, true);
        FloatBuffer[] seeds = logitGradients(objective, x.size());
        LogitObjective.evaluate(objective, logits(), x.size(), arch.vocab(), labels, objective.uniformWeights(x.size()), seeds);
        FloatBuffer dEmbedded = kernel.backward(seeds, null);
        INDArray result = Nd4j.create(DataType.FLOAT, x.size(), arch.embeddingSize());
        Blas.view(result.reshape(-1)).put(0, dEmbedded, 0, x.size() * arch.embeddingSize());
        return result;
    }

    private FloatBuffer[] logits() {
        FloatBuffer[] z = new FloatBuffer[arch.heads().size()];
        for (int h = 0; h < z.length; h++) z[h] = kernel.logits(h);
        return z;
    }

    /** d(objective)/d(logits) buffers (n x vocab, reused while n does not grow): null for heads the objective leaves out. */
    private FloatBuffer[] logitGradients(Objective objective, int n) {
        int heads = arch.heads().size();
        long size = (long) n * arch.vocab();
        if (dLogits.length != heads || dLogits[0].capacity() < size) {
            dLogits = new FloatBuffer[heads];
            for (int h = 0; h < heads; h++) dLogits[h] = Blas.allocate(size);
        }
        FloatBuffer[] seeds = new FloatBuffer[heads];
        for (int h = 0; h < heads; h++) seeds[h] = objective.usesHead(h) ? dLogits[h] : null;
        return seeds;
    }

    private TransformerKernel.Slots slotsOf(INDArray gradient) {
        if (gradient.length() != layout.size()) {
            throw new IllegalArgumentException("gradient vector has " + gradient.length() + " values; the model has " + layout.size());
        }
        return new TransformerKernel.Slots(arch, layout, Blas.view(gradient));
    }
}
