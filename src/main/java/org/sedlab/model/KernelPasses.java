package org.sedlab.model;

import org.sedlab.linalg.Blas;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Pairs;

/** The passes computed by {@link TransformerKernel} on the live float32 parameter vector. */
final class KernelPasses implements Passes {
    /** Forward-only passes (evaluation) go in chunks of this many pairs, which bounds the workspace. */
    private static final int CHUNK = 1024;
    /** Embedding gradients (centroids) go in chunks of this many pairs: faster than one pass over 1024. */
    private static final int GRADIENT_CHUNK = 512;

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
        int n = x.size();
        int width = arch.embeddingSize();
        double[] weights = objective.uniformWeights(n);
        INDArray result = Nd4j.create(DataType.FLOAT, n, width);
        FloatBuffer out = Blas.view(result.reshape(-1));
        // Examples are independent here (no weight gradient sums over them): chunks keep the passes' working set small.
        for (int from = 0; from < n; from += GRADIENT_CHUNK) {
            int to = Math.min(n, from + GRADIENT_CHUNK);
            kernel.forward(x.slice(from, to), true);
            FloatBuffer[] seeds = logitGradients(objective, to - from);
            LogitObjective.evaluate(objective, logits(), to - from, arch.vocab(), slice(labels, from, to),
                    Arrays.copyOfRange(weights, from, to), seeds);
            out.put(from * width, kernel.backward(seeds, null), 0, (to - from) * width);
        }
        return result;
    }

    private static int[][] slice(int[][] labels, int from, int to) {
        if (labels == null) return null;
        int[][] part = new int[labels.length][];
        for (int h = 0; h < labels.length; h++) part[h] = labels[h] == null ? null : Arrays.copyOfRange(labels[h], from, to);
        return part;
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
