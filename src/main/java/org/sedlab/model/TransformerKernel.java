package org.sedlab.model;

import org.sedlab.linalg.Blas;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.sedlab.data.Pairs;

/**
 * The model's forward and backward passes written out for float32 on reused buffers: the fast
 * engine behind {@link GrokTransformer} (the SameDiff graph is the reference it is tested against).
 * Matrix products go to OpenBLAS, everything else is a plain loop over the row-major buffers.
 *
 * <p>Two savings the graph cannot make: the last layer computes its attention output, MLP and
 * residual only at position 0, the one the read-out sees; and a pass that needs only the gradient
 * of the embedded input (centroids) skips every weight gradient.
 */
final class TransformerKernel {
    private static final float LAYER_NORM_EPS = 1e-5f;
    /** Values copied between a direct buffer and an array at a time. */
    private static final int BLOCK = 1024;

    private final Architecture arch;
    private final int d;
    private final int positions;
    private final int nHeads;
    private final int headDim;
    private final int dFF;
    private final int nLayers;
    private final int vocab;
    private final float attentionScale;
    private final Slots w;

    private int n;
    private int[] tokens;
    private Workspace ws;

    TransformerKernel(Architecture arch, ParameterLayout layout, FloatBuffer parameters) {
        this.arch = arch;
        this.d = arch.dModel();
        this.positions = arch.positions();
        this.nHeads = arch.nHeads();
        this.headDim = arch.headDim();
        this.dFF = arch.dFF();
        this.nLayers = arch.nLayers();
        this.vocab = arch.vocab();
        this.attentionScale = (float) (1 / Math.sqrt(headDim));
        if (positions != 2) throw new IllegalArgumentException("the kernel embeds pairs (a, b); got " + positions + " positions");
        this.w = new Slots(arch, layout, parameters);
    }

    /** The parameters' slots laid over one flat buffer (the weights, or a gradient). */
    static final class Slots {
        final FloatBuffer flat;
        final FloatBuffer posEmb;
        final FloatBuffer tokEmb;
        final FloatBuffer[] inW, inB, outW, outB, w1, b1, w2, b2, n1w, n1b, n2w, n2b;
        final FloatBuffer lnW;
        final FloatBuffer lnB;
        final FloatBuffer[] headW, headB;

        Slots(Architecture arch, ParameterLayout layout, FloatBuffer flat) {
            this.flat = flat;
            int layers = arch.nLayers();
            posEmb = slot(layout, "pos_emb");
            tokEmb = slot(layout, "tok_emb.weight");
            inW = new FloatBuffer[layers]; inB = new FloatBuffer[layers];
            outW = new FloatBuffer[layers]; outB = new FloatBuffer[layers];
            w1 = new FloatBuffer[layers]; b1 = new FloatBuffer[layers];
            w2 = new FloatBuffer[layers]; b2 = new FloatBuffer[layers];
            n1w = new FloatBuffer[layers]; n1b = new FloatBuffer[layers];
            n2w = new FloatBuffer[layers]; n2b = new FloatBuffer[layers];
            for (int l = 0; l < layers; l++) {
                String p = ParameterLayout.layerPrefix(l);
                inW[l] = slot(layout, p + "self_attn.in_proj_weight");
                inB[l] = slot(layout, p + "self_attn.in_proj_bias");
                outW[l] = slot(layout, p + "self_attn.out_proj.weight");
                outB[l] = slot(layout, p + "self_attn.out_proj.bias");
                w1[l] = slot(layout, p + "linear1.weight");
                b1[l] = slot(layout, p + "linear1.bias");
                w2[l] = slot(layout, p + "linear2.weight");
                b2[l] = slot(layout, p + "linear2.bias");
                n1w[l] = slot(layout, p + "norm1.weight");
                n1b[l] = slot(layout, p + "norm1.bias");
                n2w[l] = slot(layout, p + "norm2.weight");
                n2b[l] = slot(layout, p + "norm2.bias");
            }
            lnW = slot(layout, "ln.weight");
            lnB = slot(layout, "ln.bias");
            List<String> heads = arch.heads();
            headW = new FloatBuffer[heads.size()];
            headB = new FloatBuffer[heads.size()];
            for (int h = 0; h < heads.size(); h++) {
                headW[h] = slot(layout, heads.get(h) + ".weight");
                headB[h] = slot(layout, heads.get(h) + ".bias");
            }
        }

        private FloatBuffer slot(ParameterLayout layout, String name) {
            ParameterLayout.Slot s = layout.slot(name);
            return Blas.slice(flat, s.offset(), s.end() - s.offset());
        }
    }

    /** Activations kept for the backward pass, and its scratch space, for up to {@code samples} samples. */
    private final class Workspace {
        final int samples;
        final FloatBuffer embedded;
        final FloatBuffer[] x1hat, inv1, y1, qkv, probs, ctx, hmid, x2hat, inv2, y2, act, actSlope, hout;
        final FloatBuffer xfhat, invf, yf;
        final FloatBuffer[] logits;
        final FloatBuffer dStream, dNext, dY, dAct, dQkv, dCtx;

        Workspace(int samples) {
            this.samples = samples;
            long rows = (long) samples * positions;
            embedded = Blas.allocate(rows * d);
            x1hat = new FloatBuffer[nLayers]; inv1 = new FloatBuffer[nLayers]; y1 = new FloatBuffer[nLayers];
            qkv = new FloatBuffer[nLayers]; probs = new FloatBuffer[nLayers]; ctx = new FloatBuffer[nLayers];
            hmid = new FloatBuffer[nLayers]; x2hat = new FloatBuffer[nLayers]; inv2 = new FloatBuffer[nLayers];
            y2 = new FloatBuffer[nLayers]; act = new FloatBuffer[nLayers]; actSlope = new FloatBuffer[nLayers];
            hout = new FloatBuffer[nLayers];
            for (int l = 0; l < nLayers; l++) {
                long q = (long) samples * queries(l);
                x1hat[l] = Blas.allocate(rows * d);
                inv1[l] = Blas.allocate(rows);
                y1[l] = Blas.allocate(rows * d);
                qkv[l] = Blas.allocate(rows * 3 * d);
                probs[l] = Blas.allocate(q * nHeads * positions);
                ctx[l] = Blas.allocate(q * d);
                hmid[l] = Blas.allocate(q * d);
                x2hat[l] = Blas.allocate(q * d);
                inv2[l] = Blas.allocate(q);
                y2[l] = Blas.allocate(q * d);
                act[l] = Blas.allocate(q * dFF);
                actSlope[l] = Blas.allocate(q * dFF);
                hout[l] = Blas.allocate(q * d);
            }
            xfhat = Blas.allocate((long) samples * d);
            invf = Blas.allocate(samples);
            yf = Blas.allocate((long) samples * d);
            logits = new FloatBuffer[arch.heads().size()];
            for (int h = 0; h < logits.length; h++) logits[h] = Blas.allocate((long) samples * vocab);
            dStream = Blas.allocate(rows * d);
            dNext = Blas.allocate(rows * d);
            dY = Blas.allocate(rows * d);
            dAct = Blas.allocate(rows * dFF);
            dQkv = Blas.allocate(rows * 3 * d);
            dCtx = Blas.allocate(rows * d);
        }
    }

    /** Query positions a layer computes: all of them, except in the last layer only the read-out's. */
    private int queries(int layer) {
        return layer == nLayers - 1 ? 1 : positions;
    }

    /** Logits of one head from the last forward pass: n x vocab, row-major (live until the next pass). */
    FloatBuffer logits(int head) { return ws.logits[head]; }

    /** Runs the model on {@code x} and keeps what the backward pass needs. */
    void forward(Pairs x) {
        n = x.size();
        if (n == 0) throw new IllegalArgumentException("a forward pass needs at least one input pair");
        if (ws == null || n > ws.samples) {
            ws = null; // drop the old workspace before allocating the larger one
            ws = new Workspace(n);
        }
        tokens = new int[n * positions];
        for (int i = 0; i < n; i++) {
            tokens[i * positions] = x.a(i);
            tokens[i * positions + 1] = x.b(i);
        }
        embed();
        FloatBuffer h = ws.embedded;
        for (int l = 0; l < nLayers; l++) {
            int rows = n * positions;
            int q = n * queries(l);
            layerNorm(h, rows, w.n1w[l], w.n1b[l], ws.x1hat[l], ws.inv1[l], ws.y1[l]);
            linear(ws.y1[l], rows, w.inW[l], w.inB[l], ws.qkv[l], d, 3 * d);
            attention(l);
            linear(ws.ctx[l], q, w.outW[l], w.outB[l], ws.hmid[l], d, d);
            addQueryRows(h, l, ws.hmid[l]);
            layerNorm(ws.hmid[l], q, w.n2w[l], w.n2b[l], ws.x2hat[l], ws.inv2[l], ws.y2[l]);
            linear(ws.y2[l], q, w.w1[l], w.b1[l], ws.act[l], d, dFF);
            ExactGelu.apply(ws.act[l], ws.actSlope[l], q * dFF);
            linear(ws.act[l], q, w.w2[l], w.b2[l], ws.hout[l], dFF, d);
            add(ws.hout[l], ws.hmid[l], q * d);
            h = ws.hout[l];
        }
        // The last layer kept only position 0: h is already the read-out's (n, d).
        layerNorm(h, n, w.lnW, w.lnB, ws.xfhat, ws.invf, ws.yf);
        for (int head = 0; head < w.headW.length; head++) linear(ws.yf, n, w.headW[head], w.headB[head], ws.logits[head], d, vocab);
    }

    /**
     * Back-propagates d(objective)/d(logits) of the last forward pass ({@code dLogits[head]} is n x vocab,
     * or null for a head the objective does not use). Writes the weight gradients into {@code gradient}
     * when it is not null, and returns the gradient of the embedded input (n*positions x d, live until
     * the next pass).
     */
    FloatBuffer backward(FloatBuffer[] dLogits, Slots gradient) {
        boolean weights = gradient != null;
        if (weights) zero(gradient.flat, gradient.flat.capacity());
        FloatBuffer dYf = ws.dY;
        boolean first = true;
        for (int head = 0; head < dLogits.length; head++) {
            if (dLogits[head] == null) continue;
            Blas.gemm(false, false, n, d, vocab, 1f, dLogits[head], vocab, w.headW[head], d, first ? 0f : 1f, dYf, d);
            first = false;
            if (weights) {
                Blas.gemm(true, false, vocab, d, n, 1f, dLogits[head], vocab, ws.yf, d, 0f, gradient.headW[head], d);
                columnSums(dLogits[head], n, vocab, gradient.headB[head]);
            }
        }
        if (first) throw new IllegalArgumentException("the objective uses no head");
        FloatBuffer dStream = ws.dStream;
        FloatBuffer dNext = ws.dNext;
        layerNormBackward(dYf, n, ws.xfhat, ws.invf, w.lnW, dStream, false, weights ? gradient.lnW : null,
                weights ? gradient.lnB : null);
        for (int l = nLayers - 1; l >= 0; l--) {
            int rows = n * positions;
            int q = n * queries(l);
            // MLP: hout = hmid + W2 gelu(W1 y2 + b1) + b2; dStream holds d(hout).
            if (weights) {
                Blas.gemm(true, false, d, dFF, q, 1f, dStream, d, ws.act[l], dFF, 0f, gradient.w2[l], dFF);
                columnSums(dStream, q, d, gradient.b2[l]);
            }
            Blas.gemm(false, false, q, dFF, d, 1f, dStream, d, w.w2[l], dFF, 0f, ws.dAct, dFF);
            multiply(ws.dAct, ws.actSlope[l], q * dFF);
            if (weights) {
                Blas.gemm(true, false, dFF, d, q, 1f, ws.dAct, dFF, ws.y2[l], d, 0f, gradient.w1[l], d);
                columnSums(ws.dAct, q, dFF, gradient.b1[l]);
            }
            Blas.gemm(false, false, q, d, dFF, 1f, ws.dAct, dFF, w.w1[l], d, 0f, ws.dY, d);
            layerNormBackward(ws.dY, q, ws.x2hat[l], ws.inv2[l], w.n2w[l], dStream, true,
                    weights ? gradient.n2w[l] : null, weights ? gradient.n2b[l] : null);
            // Attention: hmid = input(query rows) + Wo ctx + bo; dStream now holds d(hmid).
            if (weights) {
                Blas.gemm(true, false, d, d, q, 1f, dStream, d, ws.ctx[l], d, 0f, gradient.outW[l], d);
                columnSums(dStream, q, d, gradient.outB[l]);
            }
            Blas.gemm(false, false, q, d, d, 1f, dStream, d, w.outW[l], d, 0f, ws.dCtx, d);
            attentionBackward(l);
            if (weights) {
                Blas.gemm(true, false, 3 * d, d, rows, 1f, ws.dQkv, 3 * d, ws.y1[l], d, 0f, gradient.inW[l], d);
                columnSums(ws.dQkv, rows, 3 * d, gradient.inB[l]);
            }
            Blas.gemm(false, false, rows, d, 3 * d, 1f, ws.dQkv, 3 * d, w.inW[l], d, 0f, ws.dY, d);
            layerNormBackward(ws.dY, rows, ws.x1hat[l], ws.inv1[l], w.n1w[l], dNext, false,
                    weights ? gradient.n1w[l] : null, weights ? gradient.n1b[l] : null);
            addQueryRowsBack(dStream, l, dNext);
            FloatBuffer t = dStream;
            dStream = dNext;
            dNext = t;
        }
        if (weights) embeddingBackward(dStream, gradient);
        return dStream;
    }

    private void embed() {
        float[][] pos = new float[positions][d];
        for (int t = 0; t < positions; t++) w.posEmb.get(t * d, pos[t]);
        float[] row = new float[d];
        for (int r = 0; r < n * positions; r++) {
            w.tokEmb.get(tokens[r] * d, row);
            float[] p = pos[r % positions];
            for (int c = 0; c < d; c++) row[c] += p[c];
            ws.embedded.put(r * d, row);
        }
    }

    private void embeddingBackward(FloatBuffer dE, Slots g) {
        // Sums in arrays, one write per slot: tokens repeat, and buffer round trips per element were slow.
        float[] tok = new float[vocab * d];
        float[] pos = new float[positions * d];
        float[] row = new float[d];
        for (int r = 0; r < n * positions; r++) {
            dE.get(r * d, row);
            int to = tokens[r] * d;
            int po = (r % positions) * d;
            for (int c = 0; c < d; c++) {
                tok[to + c] += row[c];
                pos[po + c] += row[c];
            }
        }
        g.tokEmb.put(0, tok);
        g.posEmb.put(0, pos);
    }

    /** y = x W^T + b for rows of x (rows x in), W stored (out x in). */
    private static void linear(FloatBuffer x, int rows, FloatBuffer weight, FloatBuffer bias, FloatBuffer y, int in, int out) {
        float[] b = new float[out];
        bias.get(0, b);
        for (int r = 0; r < rows; r++) y.put(r * out, b);
        Blas.gemm(false, true, rows, out, in, 1f, x, in, weight, in, 1f, y, out);
    }

    /** LayerNorm over rows of width d; keeps x-hat and 1/sigma for the backward pass. */
    private void layerNorm(FloatBuffer x, int rows, FloatBuffer gamma, FloatBuffer beta, FloatBuffer xhat,
                           FloatBuffer inv, FloatBuffer y) {
        // Rows are copied to arrays: element access through direct buffers cost twice the arithmetic.
        float[] row = new float[d];
        float[] g = new float[d];
        float[] bias = new float[d];
        gamma.get(0, g);
        beta.get(0, bias);
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            x.get(o, row);
            double sum = 0;
            for (int c = 0; c < d; c++) sum += row[c];
            float mean = (float) (sum / d);
            double sq = 0;
            for (int c = 0; c < d; c++) {
                row[c] -= mean;
                sq += row[c] * row[c];
            }
            float s = (float) (1 / Math.sqrt(sq / d + LAYER_NORM_EPS));
            inv.put(r, s);
            for (int c = 0; c < d; c++) row[c] *= s;
            xhat.put(o, row);
            for (int c = 0; c < d; c++) row[c] = row[c] * g[c] + bias[c];
            y.put(o, row);
        }
    }

    /**
     * dx = (1/sigma) (g - mean(g) - x-hat mean(g x-hat)) with g = dy * gamma, written to dx (added to it
     * when {@code accumulate}); d gamma and d beta go to their slots when those are not null.
     */
    private void layerNormBackward(FloatBuffer dy, int rows, FloatBuffer xhat, FloatBuffer inv, FloatBuffer gamma,
                                   FloatBuffer dx, boolean accumulate, FloatBuffer dGamma, FloatBuffer dBeta) {
        boolean weights = dGamma != null;
        double[] dg = new double[d];
        double[] db = new double[d];
        float[] gam = new float[d];
        float[] dyRow = new float[d];
        float[] xhRow = new float[d];
        float[] out = new float[d];
        gamma.get(0, gam);
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            dy.get(o, dyRow);
            xhat.get(o, xhRow);
            double sumG = 0;
            double sumGx = 0;
            for (int c = 0; c < d; c++) {
                float g = dyRow[c] * gam[c];
                sumG += g;
                sumGx += g * xhRow[c];
            }
            if (weights) {
                for (int c = 0; c < d; c++) {
                    dg[c] += dyRow[c] * xhRow[c];
                    db[c] += dyRow[c];
                }
            }
            float meanG = (float) (sumG / d);
            float meanGx = (float) (sumGx / d);
            float s = inv.get(r);
            if (accumulate) dx.get(o, out);
            for (int c = 0; c < d; c++) {
                float v = s * (dyRow[c] * gam[c] - meanG - xhRow[c] * meanGx);
                out[c] = accumulate ? out[c] + v : v;
            }
            dx.put(o, out);
        }
        if (weights) {
            for (int c = 0; c < d; c++) {
                dGamma.put(c, (float) dg[c]);
                dBeta.put(c, (float) db[c]);
            }
        }
    }

    /** Softmax attention per sample and head, over all positions as keys, for the layer's query positions. */
    private void attention(int l) {
        int tq = queries(l);
        FloatBuffer qkv = ws.qkv[l];
        FloatBuffer probs = ws.probs[l];
        FloatBuffer ctx = ws.ctx[l];
        HeadVectors head = new HeadVectors();
        float[][] q = head.q;
        float[][] k = head.k;
        float[][] v = head.v;
        float[] out = new float[headDim];
        double[] scores = new double[positions];
        for (int i = 0; i < n; i++) {
            for (int hh = 0; hh < nHeads; hh++) {
                int col = hh * headDim;
                head.load(qkv, i, col);
                for (int t = 0; t < tq; t++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = 0; s < positions; s++) {
                        float dot = 0;
                        for (int c = 0; c < headDim; c++) dot += q[t][c] * k[s][c];
                        scores[s] = dot * attentionScale;
                        max = Math.max(max, scores[s]);
                    }
                    double total = 0;
                    for (int s = 0; s < positions; s++) {
                        scores[s] = Math.exp(scores[s] - max);
                        total += scores[s];
                    }
                    Arrays.fill(out, 0f);
                    int p = ((i * tq + t) * nHeads + hh) * positions;
                    for (int s = 0; s < positions; s++) {
                        float prob = (float) (scores[s] / total);
                        probs.put(p + s, prob);
                        for (int c = 0; c < headDim; c++) out[c] += prob * v[s][c];
                    }
                    ctx.put((i * tq + t) * d + col, out);
                }
            }
        }
    }

    /** One head's query, key and value vectors of one sample, at every position. */
    private final class HeadVectors {
        final float[][] q = new float[positions][headDim];
        final float[][] k = new float[positions][headDim];
        final float[][] v = new float[positions][headDim];

        void load(FloatBuffer qkv, int sample, int col) {
            for (int s = 0; s < positions; s++) {
                int row = (sample * positions + s) * 3 * d + col;
                qkv.get(row, q[s]);
                qkv.get(row + d, k[s]);
                qkv.get(row + 2 * d, v[s]);
            }
        }
    }

    /** From d(ctx) to d(qkv): zero for the queries a layer does not compute. */
    private void attentionBackward(int l) {
        int tq = queries(l);
        FloatBuffer qkv = ws.qkv[l];
        FloatBuffer probs = ws.probs[l];
        FloatBuffer dCtx = ws.dCtx;
        FloatBuffer dQkv = ws.dQkv;
        HeadVectors head = new HeadVectors();
        float[][] q = head.q;
        float[][] k = head.k;
        float[][] v = head.v;
        float[][] dq = new float[positions][headDim];
        float[][] dk = new float[positions][headDim];
        float[][] dv = new float[positions][headDim];
        float[] g = new float[headDim];
        float[] prob = new float[positions];
        float[] dProb = new float[positions];
        for (int i = 0; i < n; i++) {
            for (int hh = 0; hh < nHeads; hh++) {
                int col = hh * headDim;
                head.load(qkv, i, col);
                for (int s = 0; s < positions; s++) {
                    Arrays.fill(dq[s], 0f);
                    Arrays.fill(dk[s], 0f);
                    Arrays.fill(dv[s], 0f);
                }
                for (int t = 0; t < tq; t++) {
                    int p = ((i * tq + t) * nHeads + hh) * positions;
                    dCtx.get((i * tq + t) * d + col, g);
                    probs.get(p, prob);
                    float weighted = 0;
                    for (int s = 0; s < positions; s++) {
                        float dot = 0;
                        for (int c = 0; c < headDim; c++) {
                            dot += g[c] * v[s][c];
                            dv[s][c] += prob[s] * g[c];
                        }
                        dProb[s] = dot;
                        weighted += prob[s] * dot;
                    }
                    for (int s = 0; s < positions; s++) {
                        float dScore = prob[s] * (dProb[s] - weighted) * attentionScale;
                        for (int c = 0; c < headDim; c++) {
                            dq[t][c] += dScore * k[s][c];
                            dk[s][c] += dScore * q[t][c];
                        }
                    }
                }
                for (int s = 0; s < positions; s++) {
                    int row = (i * positions + s) * 3 * d + col;
                    dQkv.put(row, dq[s]);
                    dQkv.put(row + d, dk[s]);
                    dQkv.put(row + 2 * d, dv[s]);
                }
            }
        }
    }

    /** target(query rows) += input at the same sample and position: the attention residual. */
    private void addQueryRows(FloatBuffer input, int l, FloatBuffer target) {
        int tq = queries(l);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < tq; t++) addRow(target, (i * tq + t) * d, input, (i * positions + t) * d, d);
        }
    }

    /** The residual's backward: dInput(all rows) += dQuery(query rows). */
    private void addQueryRowsBack(FloatBuffer dQuery, int l, FloatBuffer dInput) {
        int tq = queries(l);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < tq; t++) addRow(dInput, (i * positions + t) * d, dQuery, (i * tq + t) * d, d);
        }
    }

    private static void columnSums(FloatBuffer m, int rows, int cols, FloatBuffer out) {
        double[] sums = new double[cols];
        float[] row = new float[cols];
        for (int r = 0; r < rows; r++) {
            m.get(r * cols, row);
            for (int c = 0; c < cols; c++) sums[c] += row[c];
        }
        for (int c = 0; c < cols; c++) out.put(c, (float) sums[c]);
    }

    private static void add(FloatBuffer target, FloatBuffer other, int count) {
        for (int from = 0; from < count; from += BLOCK) addRow(target, from, other, from, Math.min(BLOCK, count - from));
    }

    /** target[to, to + len) += other[from, from + len), through arrays. */
    private static void addRow(FloatBuffer target, int to, FloatBuffer other, int from, int len) {
        float[] a = new float[len];
        float[] b = new float[len];
        target.get(to, a);
        other.get(from, b);
        for (int c = 0; c < len; c++) a[c] += b[c];
        target.put(to, a);
    }

    private static void multiply(FloatBuffer target, FloatBuffer other, int count) {
        float[] a = new float[BLOCK];
        float[] b = new float[BLOCK];
        for (int from = 0; from < count; from += BLOCK) {
            int len = Math.min(BLOCK, count - from);
            target.get(from, a, 0, len);
            other.get(from, b, 0, len);
            for (int c = 0; c < len; c++) a[c] *= b[c];
            target.put(from, a, 0, len);
        }
    }

    private static void zero(FloatBuffer b, int count) {
        float[] zeros = new float[BLOCK];
        for (int from = 0; from < count; from += BLOCK) b.put(from, zeros, 0, Math.min(BLOCK, count - from));
    }
}
