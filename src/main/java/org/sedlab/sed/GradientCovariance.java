package org.sedlab.sed;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sedlab.data.Batch;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.linalg.LinearOperator;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.model.Parameters;
import org.sedlab.model.ShiftedAttention;

/**
 * C v for the covariance of a batch's per-example attention gradients g_n (one head's cross-entropy),
 * C = (1/N) sum (g_n - mean)(g_n - mean)^T, or the empirical Fisher (1/N) sum g_n g_n^T uncentred,
 * without ever holding the N x P matrix: s_n = &lt;g_n, v&gt; for every example, then one backward pass
 * of the loss weighted by (s_n - mean s)/N (by s_n/N uncentred) gives sum_n w_n g_n = C v.
 *
 * <p>s_n = &lt;dl_n/dz_n, J_n v&gt;: the per-example logit gradient at theta (exact) against the change
 * of the logits along v, a central difference (z(theta + h v) - z(theta - h v)) / 2h. Differencing the
 * logits, not the losses, matters: after grokking the per-example losses are ~1e-7, below float32's
 * resolution of logsumexp - z_y, while the logits stay O(10). Memory is independent of N: the batch
 * goes through the model in chunks, and only N values s_n and the N x vocab logit gradients are kept.
 * The model's attention parameters are moved during a product and restored exactly afterwards.
 */
public final class GradientCovariance implements LinearOperator {
    /**
     * h / ||theta_attn||: on small models (||theta_attn|| about 28) the product's error against the
     * explicit covariance fell from 4e-2 at 1e-2 (truncation) to 2e-5..8e-5 at 1e-4..3e-4, and rose
     * again below (float32 rounding of the logits).
     */
    public static final double DEFAULT_STEP = 2e-4;

    private final GrokTransformer model;
    private final Objective objective;
    private final int head;
    private final Batch[] chunks;
    private final int n;
    private final boolean centred;
    private final double step;
    private final INDArray[] logitGradients;
    private final INDArray gradient;
    private final int dimension;

    /**
     * @param chunk        examples per pass through the model: what bounds the memory
     * @param relativeStep the difference step h as a fraction of ||theta_attn|| (v has unit norm)
     */
    public GradientCovariance(GrokTransformer model, int head, Pairs batch, boolean centred, int chunk, double relativeStep) {
        if (chunk < 1) throw new IllegalArgumentException("chunk must be positive, got " + chunk);
        if (!(relativeStep > 0)) throw new IllegalArgumentException("the difference step must be positive, got " + relativeStep);
        Task task = model.task();
        this.model = model;
        this.head = head;
        this.objective = Objective.crossEntropy(head);
        this.n = batch.size();
        this.centred = centred;
        this.chunks = new Batch[(n + chunk - 1) / chunk];
        for (int c = 0; c < chunks.length; c++) chunks[c] = Batch.of(task, batch.slice(c * chunk, Math.min(n, (c + 1) * chunk)));
        Parameters params = model.parameters();
        this.dimension = Math.toIntExact(params.layout().attentionSize());
        this.step = relativeStep * params.attention().norm2Number().doubleValue();
        this.logitGradients = new INDArray[chunks.length];
        for (int c = 0; c < chunks.length; c++) logitGradients[c] = model.exampleLogitGradients(chunks[c], objective)[head];
        this.gradient = Nd4j.zeros(params.dataType(), params.layout().size());
    }

    @Override public int dimension() { return dimension; }

    /** Examples in the batch. */
    public int examples() { return n; }

    @Override
    public void apply(double[] v, double[] out) {
        double[] s = directionalDerivatives(Nd4j.createFromArray(v).castTo(model.parameters().dataType()));
        double mean = 0;
        if (centred) {
            for (double x : s) mean += x;
            mean /= n;
        }
        Arrays.fill(out, 0);
        int offset = 0;
        for (Batch chunk : chunks) {
            double[] w = new double[chunk.size()];
            for (int i = 0; i < w.length; i++) w[i] = (s[offset + i] - mean) / n;
            model.weightedLossAndGradient(chunk, objective, w, gradient);
            float[] g = gradient.get(NDArrayIndex.interval(0, dimension)).toFloatVector();
            for (int j = 0; j < dimension; j++) out[j] += g[j];
            offset += chunk.size();
        }
    }

    /** s_n = d l_n / d theta_attn . v for every example. */
    private double[] directionalDerivatives(INDArray v) {
        double[] s = new double[n];
        try (ShiftedAttention shifted = new ShiftedAttention(model.parameters())) {
            shifted.to(v, step);
            accumulate(+1, s);
            shifted.to(v, -step);
            accumulate(-1, s);
        }
        for (int i = 0; i < n; i++) s[i] /= 2 * step;
        return s;
    }

    /** s_n += sign * &lt;dl_n/dz_n, z_n&gt; at the model's current (shifted) weights. */
    private void accumulate(int sign, double[] s) {
        int offset = 0;
        for (int c = 0; c < chunks.length; c++) {
            float[] z = model.logits(chunks[c].pairs(), head).reshape(-1).toFloatVector();
            float[] r = logitGradients[c].reshape(-1).toFloatVector();
            int vocab = (int) logitGradients[c].columns();
            for (int i = 0; i < chunks[c].size(); i++) {
                double dot = 0;
                for (int k = 0; k < vocab; k++) dot += (double) r[i * vocab + k] * z[i * vocab + k];
                s[offset + i] += sign * dot;
            }
            offset += chunks[c].size();
        }
    }
}
