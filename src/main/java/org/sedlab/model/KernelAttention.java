package org.sedlab.model;

import org.sedlab.linalg.PortableMath;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.sedlab.linalg.FloatSums;

/**
 * The kernel's softmax attention, a block of samples at a time. The rows of q, k and v are first sorted
 * by position into arrays of their own (a sample's row at the same place in each), so that every
 * element-wise product is a loop C2 vectorises, a[j] = b[j] * c[j]; only the per-head dot products
 * (sums of 32 products) and the softmax over the positions are scalar.
 *
 * <p>Layouts, as in {@link TransformerKernel}: qkv rows are (sample, position) with q | k | v side by side,
 * head h at columns h*headDim of each; probs are ((sample, query), head, key); ctx rows (sample, query).
 */
final class KernelAttention {
    private final int d;
    private final int positions;
    private final int nHeads;
    private final int headDim;
    private final float scale;
    private final int samples;
    /** Per position: the block's q, k, v rows, and their gradients. */
    private final float[][] q, k, v, dq, dk, dv;
    /** Per query position: the block's ctx rows, or their gradients. */
    private final float[][] g;
    private final float[] product;
    private final float[] rowBlock;
    private final float[] probBlock;
    /** Per (query, key): a value for each (sample, head) of the block. */
    private final float[][] perHead;
    private final float[][] dPerHead;

    KernelAttention(int d, int positions, int nHeads, int samples) {
        this.d = d;
        this.positions = positions;
        this.nHeads = nHeads;
        this.headDim = d / nHeads;
        this.scale = (float) (1 / Math.sqrt(headDim));
        this.samples = samples;
        int width = samples * d;
        q = new float[positions][width];
        k = new float[positions][width];
        v = new float[positions][width];
        dq = new float[positions][width];
        dk = new float[positions][width];
        dv = new float[positions][width];
        g = new float[positions][width];
        product = new float[width];
        rowBlock = new float[samples * positions * 3 * d];
        probBlock = new float[samples * positions * nHeads * positions];
        perHead = new float[positions * positions][samples * nHeads];
        dPerHead = new float[positions * positions][samples * nHeads];
    }

    /** Attention for the first {@code tq} positions as queries, over all positions as keys, for n samples. */
    void forward(FloatBuffer qkv, int n, int tq, FloatBuffer probs, FloatBuffer ctx) {
        for (int i0 = 0; i0 < n; i0 += samples) {
            int ns = Math.min(samples, n - i0);
            int width = ns * d;
            load(qkv, i0, ns);
            for (int t = 0; t < tq; t++) {
                for (int s = 0; s < positions; s++) headDots(q[t], k[s], ns, perHead[t * positions + s]);
                softmaxOverKeys(t, ns);
                float[] out = g[t];
                Arrays.fill(out, 0, width, 0f);
                for (int s = 0; s < positions; s++) addScaledHeads(perHead[t * positions + s], v[s], ns, out);
            }
            for (int i = 0; i < ns; i++) {
                for (int t = 0; t < tq; t++) {
                    ctx.put(((i0 + i) * tq + t) * d, g[t], i * d, d);
                    for (int h = 0; h < nHeads; h++) {
                        for (int s = 0; s < positions; s++) {
                            probBlock[((i * tq + t) * nHeads + h) * positions + s] = perHead[t * positions + s][i * nHeads + h];
                        }
                    }
                }
            }
            probs.put(i0 * tq * nHeads * positions, probBlock, 0, ns * tq * nHeads * positions);
        }
    }

    /** From d(ctx) to d(qkv), zero for the positions that were not queries. */
    void backward(FloatBuffer qkv, FloatBuffer probs, FloatBuffer dCtx, int n, int tq, FloatBuffer dQkv) {
        for (int i0 = 0; i0 < n; i0 += samples) {
            int ns = Math.min(samples, n - i0);
            int width = ns * d;
            load(qkv, i0, ns);
            probs.get(i0 * tq * nHeads * positions, probBlock, 0, ns * tq * nHeads * positions);
            for (int i = 0; i < ns; i++) {
                for (int t = 0; t < tq; t++) {
                    dCtx.get(((i0 + i) * tq + t) * d, g[t], i * d, d);
                    for (int h = 0; h < nHeads; h++) {
                        for (int s = 0; s < positions; s++) {
                            perHead[t * positions + s][i * nHeads + h] = probBlock[((i * tq + t) * nHeads + h) * positions + s];
                        }
                    }
                }
            }
            for (int s = 0; s < positions; s++) {
                Arrays.fill(dq[s], 0, width, 0f);
                Arrays.fill(dk[s], 0, width, 0f);
                Arrays.fill(dv[s], 0, width, 0f);
            }
            for (int t = 0; t < tq; t++) {
                float[] gt = g[t];
                // dv_s += p_ts g_t, and d(p_ts) = g_t . v_s per head
                for (int s = 0; s < positions; s++) {
                    addScaledHeads(perHead[t * positions + s], gt, ns, dv[s]);
                    headDots(gt, v[s], ns, dPerHead[t * positions + s]);
                }
                // d(score_ts) = p_ts (d(p_ts) - sum_s' p_ts' d(p_ts')) * scale
                for (int ih = 0; ih < ns * nHeads; ih++) {
                    float weighted = 0;
                    for (int s = 0; s < positions; s++) weighted += perHead[t * positions + s][ih] * dPerHead[t * positions + s][ih];
                    for (int s = 0; s < positions; s++) {
                        float[] dp = dPerHead[t * positions + s];
                        dp[ih] = perHead[t * positions + s][ih] * (dp[ih] - weighted) * scale;
                    }
                }
                // dq_t += d(score_ts) k_s, dk_s += d(score_ts) q_t
                float[] qt = q[t];
                float[] dqt = dq[t];
                for (int s = 0; s < positions; s++) {
                    addScaledHeads(dPerHead[t * positions + s], k[s], ns, dqt);
                    addScaledHeads(dPerHead[t * positions + s], qt, ns, dk[s]);
                }
            }
            int row = 3 * d;
            for (int i = 0; i < ns; i++) {
                for (int s = 0; s < positions; s++) {
                    int o = (i * positions + s) * row;
                    System.arraycopy(dq[s], i * d, rowBlock, o, d);
                    System.arraycopy(dk[s], i * d, rowBlock, o + d, d);
                    System.arraycopy(dv[s], i * d, rowBlock, o + 2 * d, d);
                }
            }
            dQkv.put(i0 * positions * row, rowBlock, 0, ns * positions * row);
        }
    }

    /** The block's qkv rows, sorted by position into q, k and v. */
    private void load(FloatBuffer qkv, int i0, int ns) {
        int row = 3 * d;
        qkv.get(i0 * positions * row, rowBlock, 0, ns * positions * row);
        for (int i = 0; i < ns; i++) {
            for (int s = 0; s < positions; s++) {
                int o = (i * positions + s) * row;
                System.arraycopy(rowBlock, o, q[s], i * d, d);
                System.arraycopy(rowBlock, o + d, k[s], i * d, d);
                System.arraycopy(rowBlock, o + 2 * d, v[s], i * d, d);
            }
        }
    }

    /** out[(sample, head)] = a . b over that head's columns of that sample's row. */
    private void headDots(float[] a, float[] b, int ns, float[] out) {
        int width = ns * d;
        for (int j = 0; j < width; j++) product[j] = a[j] * b[j];
        FloatSums.rowSums(product, 0, ns * nHeads, headDim, out, 0);
    }

    /** Scores of query t (in perHead) to probabilities, per (sample, head). */
    private void softmaxOverKeys(int t, int ns) {
        for (int ih = 0; ih < ns * nHeads; ih++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int s = 0; s < positions; s++) {
                float score = perHead[t * positions + s][ih] * scale;
                perHead[t * positions + s][ih] = score;
                max = Math.max(max, score);
            }
            double total = 0;
            for (int s = 0; s < positions; s++) {
                float e = (float) PortableMath.exp(perHead[t * positions + s][ih] - max);
                perHead[t * positions + s][ih] = e;
                total += e;
            }
            for (int s = 0; s < positions; s++) perHead[t * positions + s][ih] = (float) (perHead[t * positions + s][ih] / total);
        }
    }

    /**
     * out += x scaled per head: each (sample, head) value of {@code scales} times that head's columns of x.
     * One multiply and one add per element, head by head (filling a row of repeated scales first cost as
     * much as the products).
     */
    private void addScaledHeads(float[] scales, float[] x, int ns, float[] out) {
        for (int ih = 0; ih < ns * nHeads; ih++) {
            float p = scales[ih];
            int end = (ih + 1) * headDim;
            for (int j = ih * headDim; j < end; j++) out[j] += p * x[j];
        }
    }
}
