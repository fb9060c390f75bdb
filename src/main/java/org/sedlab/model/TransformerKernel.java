package org.sedlab.model;

import org.sedlab.linalg.Blas;
import org.sedlab.linalg.FloatSums;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.sedlab.data.Pairs;

/**
 * The model's forward and backward passes written out for float32 on reused buffers: the fast
 * engine behind {@link GrokTransformer} (the SameDiff graph is the reference it is tested against).
 * Matrix products go to {@link Blas#gemm}, with the bias and the residual written into their output
 * first; the element-wise passes copy blocks of rows into heap arrays, where C2 vectorises them.
 *
 * <p>Two savings the graph cannot make: the last layer computes its attention output, MLP and
 * residual only at position 0, the one the read-out sees; and a pass that needs only the gradient
 * of the embedded input (centroids) skips every weight gradient.
 */
final class TransformerKernel {
    private static final float LAYER_NORM_EPS = 1e-5f;
    /**
     * Rows copied from a direct buffer into a heap array at a time (an even number, so a block holds whole
     * samples). C2 vectorises a loop over arrays, not over direct buffers, and only when every array in it
     * is indexed alike (a[i] = b[i] * c[i], not a[i] = b[o + i] * c[i]: the arrays might overlap): hence
     * the parameter rows tiled to the block's shape, and sums kept per block position and added up at the end.
     */
    private static final int ROW_BLOCK = 32;
    /** Values copied between a direct buffer and an array at a time in the flat passes. */
    private static final int BLOCK = 1024;

    private final Architecture arch;
    private final int d;
    private final int positions;
    private final int nHeads;
    private final int dFF;
    private final int nLayers;
    private final int vocab;
    private final Slots w;

    private int n;
    private int[] tokens;
    /**
     * The first layer sees each (token, position) as often as the batch holds it, but its LayerNorm and its
     * q, k, v depend on nothing else: they are computed once per distinct (token, position), in key order
     * (position, then token). rowToDistinct[r] is row r's index among them.
     */
    private int[] rowToDistinct;
    private int[] distinctToken;
    private int[] distinctPosition;
    private int distinct;
    private Workspace ws;
    /** Whether the last forward pass kept the GELU slopes the backward pass needs. */
    private boolean backwardReady;

    TransformerKernel(Architecture arch, ParameterLayout layout, FloatBuffer parameters) {
        this.arch = arch;
        this.d = arch.dModel();
        this.positions = arch.positions();
        this.nHeads = arch.nHeads();
        this.dFF = arch.dFF();
        this.nLayers = arch.nLayers();
        this.vocab = arch.vocab();
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
        /** The first layer's LayerNorm and q, k, v per distinct (token, position), and their gradients. */
        final FloatBuffer embeddedD, x1hatD, inv1D, y1D, qkvD, dQkvD, dYD, dXD;
        /** Heap room for every distinct row of the widest of those (q, k, v), for gathers and sums. */
        final float[] distinctRows;
        /**
         * Heap copies of ROW_BLOCK rows of the widest activation, which the element-wise passes work on; a
         * parameter row repeated for every row of a block (tiles); and sums kept per block position.
         */
        final float[] blockA, blockB, blockC, blockD, tileA, tileB, sumsA, sumsB;
        final float[] rowScales = new float[ROW_BLOCK];
        /** A block's row sums and dot products (LayerNorm's means and variances, and their gradients'). */
        final float[] rowSums = new float[ROW_BLOCK], rowDots = new float[ROW_BLOCK];
        final KernelAttention attention = new KernelAttention(d, positions, nHeads, ROW_BLOCK / positions);

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
            long most = Math.min(rows, (long) positions * vocab);
            embeddedD = Blas.allocate(most * d);
            x1hatD = Blas.allocate(most * d);
            inv1D = Blas.allocate(most);
            y1D = Blas.allocate(most * d);
            qkvD = Blas.allocate(most * 3 * d);
            dQkvD = Blas.allocate(most * 3 * d);
            dYD = Blas.allocate(most * d);
            dXD = Blas.allocate(most * d);
            distinctRows = new float[(int) most * 3 * d];
            int widest = ROW_BLOCK * Math.max(Math.max(3 * d, dFF), vocab);
            blockA = new float[widest];
            blockB = new float[widest];
            blockC = new float[widest];
            blockD = new float[widest];
            tileA = new float[widest];
            tileB = new float[widest];
            sumsA = new float[widest];
            sumsB = new float[widest];
        }
    }

    /** Query positions a layer computes: all of them, except in the last layer only the read-out's. */
    private int queries(int layer) {
        return layer == nLayers - 1 ? 1 : positions;
    }

    /** Logits of one head from the last forward pass: n x vocab, row-major (live until the next pass). */
    FloatBuffer logits(int head) { return ws.logits[head]; }

    /**
     * Runs the model on {@code x}; with {@code forBackward}, also keeps what the backward pass needs (GELU's
     * slope is the one part that costs: an evaluation, forward only, skips it).
     */
    void forward(Pairs x, boolean forBackward) {
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
            int tq = queries(l);
            int q = n * tq;
            if (l == 0) {
                // Once per distinct (token, position), then given to each row that has it: the same bits as per row.
                layerNorm(ws.embeddedD, distinct, w.n1w[0], w.n1b[0], ws.x1hatD, ws.inv1D, ws.y1D);
                linear(ws.y1D, distinct, w.inW[0], w.inB[0], ws.qkvD, d, 3 * d, null, 0);
                gather(ws.qkvD, 3 * d, ws.qkv[0]);
                gather(ws.x1hatD, d, ws.x1hat[0]);
                gather(ws.inv1D, 1, ws.inv1[0]);
            } else {
                layerNorm(h, rows, w.n1w[l], w.n1b[l], ws.x1hat[l], ws.inv1[l], ws.y1[l]);
                linear(ws.y1[l], rows, w.inW[l], w.inB[l], ws.qkv[l], d, 3 * d, null, 0);
            }
            ws.attention.forward(ws.qkv[l], n, tq, ws.probs[l], ws.ctx[l]);
            // hmid = the layer input at the query positions + the attention output
            linear(ws.ctx[l], q, w.outW[l], w.outB[l], ws.hmid[l], d, d, h, positions);
            layerNorm(ws.hmid[l], q, w.n2w[l], w.n2b[l], ws.x2hat[l], ws.inv2[l], ws.y2[l]);
            linear(ws.y2[l], q, w.w1[l], w.b1[l], ws.act[l], d, dFF, null, 0);
            ExactGelu.apply(ws.act[l], forBackward ? ws.actSlope[l] : null, q * dFF);
            // hout = hmid + the MLP output
            linear(ws.act[l], q, w.w2[l], w.b2[l], ws.hout[l], dFF, d, ws.hmid[l], tq);
            h = ws.hout[l];
        }
        // The last layer kept only position 0: h is already the read-out's (n, d).
        layerNorm(h, n, w.lnW, w.lnB, ws.xfhat, ws.invf, ws.yf);
        for (int head = 0; head < w.headW.length; head++) {
            linear(ws.yf, n, w.headW[head], w.headB[head], ws.logits[head], d, vocab, null, 0);
        }
        backwardReady = forBackward;
    }

    /**
     * Back-propagates d(objective)/d(logits) of the last forward pass ({@code dLogits[head]} is n x vocab,
     * or null for a head the objective does not use). With {@code gradient}, writes the weight gradients
     * into it and returns null (the first layer then works on distinct rows, not per example); without,
     * returns the gradient of the embedded input (n*positions x d, live until the next pass).
     */
    FloatBuffer backward(FloatBuffer[] dLogits, Slots gradient) {
        if (!backwardReady) throw new IllegalStateException("the last forward pass was for evaluation only: it kept no slopes to go back through");
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
            ws.attention.backward(ws.qkv[l], ws.probs[l], ws.dCtx, n, queries(l), ws.dQkv);
            if (l == 0 && weights) {
                firstLayerByDistinctRows(dStream, dNext, gradient);
                FloatBuffer t = dStream;
                dStream = dNext;
                dNext = t;
                continue;
            }
            if (weights) {
                Blas.gemm(true, false, 3 * d, d, rows, 1f, ws.dQkv, 3 * d, ws.y1[l], d, 0f, gradient.inW[l], d);
                columnSums(ws.dQkv, rows, 3 * d, gradient.inB[l]);
            }
            Blas.gemm(false, false, rows, d, 3 * d, 1f, ws.dQkv, 3 * d, w.inW[l], d, 0f, ws.dY, d);
            // The layer input's gradient: the residual's share (d(hmid) at the query rows), then LN1's added to it.
            residualGradient(dStream, l, dNext);
            layerNormBackward(ws.dY, rows, ws.x1hat[l], ws.inv1[l], w.n1w[l], dNext, true,
                    weights ? gradient.n1w[l] : null, weights ? gradient.n1b[l] : null);
            FloatBuffer t = dStream;
            dStream = dNext;
            dNext = t;
        }
        if (weights) {
            embeddingBackward(dStream, gradient);
            return null;
        }
        return dStream;
    }

    /**
     * The first layer's attention input side when only weight gradients are wanted: the rows' q, k, v
     * gradients added up per distinct (token, position), in row order, then one pass per distinct row
     * through in_proj and LayerNorm 1 (both linear in the gradient for fixed inputs), into dX of the
     * distinct rows; dInput gets the residual's share per row. embeddingBackward adds both up per token.
     */
    private void firstLayerByDistinctRows(FloatBuffer dQuery, FloatBuffer dInput, Slots gradient) {
        int rows = n * positions;
        int width = 3 * d;
        float[] sums = ws.distinctRows;
        Arrays.fill(sums, 0, distinct * width, 0f);
        float[] row = ws.blockA;
        for (int r = 0; r < rows; r++) {
            ws.dQkv.get(r * width, row, 0, width);
            int o = rowToDistinct[r] * width;
            for (int c = 0; c < width; c++) sums[o + c] += row[c];
        }
        ws.dQkvD.put(0, sums, 0, distinct * width);
        Blas.gemm(true, false, width, d, distinct, 1f, ws.dQkvD, width, ws.y1D, d, 0f, gradient.inW[0], d);
        columnSums(ws.dQkvD, distinct, width, gradient.inB[0]);
        Blas.gemm(false, false, distinct, d, width, 1f, ws.dQkvD, width, w.inW[0], d, 0f, ws.dYD, d);
        residualGradient(dQuery, 0, dInput);
        layerNormBackward(ws.dYD, distinct, ws.x1hatD, ws.inv1D, w.n1w[0], ws.dXD, false, gradient.n1w[0], gradient.n1b[0]);
    }

    /** target's row r = source's row rowToDistinct[r] ({@code width} values a row). */
    private void gather(FloatBuffer source, int width, FloatBuffer target) {
        float[] all = ws.distinctRows;
        source.get(0, all, 0, distinct * width);
        for (int r = 0, rows = n * positions; r < rows; r++) target.put(r * width, all, rowToDistinct[r] * width, width);
    }

    private void embed() {
        findDistinctRows();
        float[][] pos = new float[positions][d];
        for (int t = 0; t < positions; t++) w.posEmb.get(t * d, pos[t]);
        float[] row = new float[d];
        for (int r = 0; r < n * positions; r++) {
            w.tokEmb.get(tokens[r] * d, row);
            float[] p = pos[r % positions];
            for (int c = 0; c < d; c++) row[c] += p[c];
            ws.embedded.put(r * d, row);
        }
        for (int u = 0; u < distinct; u++) {
            w.tokEmb.get(distinctToken[u] * d, row);
            float[] p = pos[distinctPosition[u]];
            for (int c = 0; c < d; c++) row[c] += p[c];
            ws.embeddedD.put(u * d, row);
        }
    }

    /** The distinct (token, position) pairs of the batch in key order, and each row's index among them. */
    private void findDistinctRows() {
        int rows = n * positions;
        int[] index = new int[positions * vocab];
        Arrays.fill(index, -1);
        for (int r = 0; r < rows; r++) index[(r % positions) * vocab + tokens[r]] = 0;
        distinct = 0;
        distinctToken = new int[Math.min(rows, index.length)];
        distinctPosition = new int[distinctToken.length];
        for (int key = 0; key < index.length; key++) {
            if (index[key] < 0) continue;
            distinctToken[distinct] = key % vocab;
            distinctPosition[distinct] = key / vocab;
            index[key] = distinct++;
        }
        rowToDistinct = new int[rows];
        for (int r = 0; r < rows; r++) rowToDistinct[r] = index[(r % positions) * vocab + tokens[r]];
    }

    private void embeddingBackward(FloatBuffer dE, Slots g) {
        // Sums in arrays, one write per slot: tokens repeat, and buffer round trips per element were slow.
        float[] tok = new float[vocab * d];
        float[] pos = new float[positions * d];
        float[] row = new float[d];
        for (int r = 0; r < n * positions; r++) {
            dE.get(r * d, row);
            addRow(row, tok, tokens[r] * d);
            addRow(row, pos, (r % positions) * d);
        }
        // the first layer's LayerNorm path, one row per distinct (token, position)
        for (int u = 0; u < distinct; u++) {
            ws.dXD.get(u * d, row);
            addRow(row, tok, distinctToken[u] * d);
            addRow(row, pos, distinctPosition[u] * d);
        }
        g.tokEmb.put(0, tok);
        g.posEmb.put(0, pos);
    }

    /** sums[at ..] += row, element by element: a loop of its own, which C2 vectorises (with two sums in one loop it did not). */
    private static void addRow(float[] row, float[] sums, int at) {
        for (int c = 0; c < row.length; c++) sums[at + c] += row[c];
    }

    /**
     * y = x W^T + b for rows of x (rows x in, W stored out x in), plus, when {@code residual} is not null,
     * the residual's row at the same sample and position ({@code residualRows} rows per sample there, as
     * many as y has or more): bias and residual are written first and the product added onto them.
     */
    private void linear(FloatBuffer x, int rows, FloatBuffer weight, FloatBuffer bias, FloatBuffer y, int in, int out,
                        FloatBuffer residual, int residualRows) {
        float[] b = tile(bias, out, ws.tileA);
        float[] block = ws.blockA;
        int yRows = rows / n; // rows per sample in y
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int nr = Math.min(ROW_BLOCK, rows - r0);
            int len = nr * out;
            if (residual == null) {
                y.put(r0 * out, b, 0, len);
                continue;
            }
            if (residualRows == yRows) {
                residual.get(r0 * out, block, 0, len);
            } else {
                for (int r = 0; r < nr; r++) {
                    int row = r0 + r;
                    residual.get(((row / yRows) * residualRows + row % yRows) * out, block, r * out, out);
                }
            }
            for (int i = 0; i < len; i++) block[i] += b[i];
            y.put(r0 * out, block, 0, len);
        }
        Blas.gemm(false, true, rows, out, in, 1f, x, in, weight, in, 1f, y, out);
    }

    /** LayerNorm over rows of width d; keeps x-hat and 1/sigma for the backward pass. */
    private void layerNorm(FloatBuffer x, int rows, FloatBuffer gamma, FloatBuffer beta, FloatBuffer xhat,
                           FloatBuffer inv, FloatBuffer y) {
        float[] g = tile(gamma, d, ws.tileA);
        float[] bias = tile(beta, d, ws.tileB);
        float[] a = ws.blockA;
        float[] out = ws.blockB;
        float[] scales = ws.rowScales;
        float[] sums = ws.rowSums;
        float[] squares = ws.rowDots;
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int nr = Math.min(ROW_BLOCK, rows - r0);
            x.get(r0 * d, a, 0, nr * d);
            FloatSums.rowSums(a, 0, nr, d, sums, 0);
            for (int r = 0; r < nr; r++) {
                int o = r * d;
                float mean = sums[r] / d;
                for (int c = 0; c < d; c++) a[o + c] -= mean;
            }
            FloatSums.rowDots(a, 0, a, 0, nr, d, squares, 0);
            for (int r = 0; r < nr; r++) {
                int o = r * d;
                float s = (float) (1 / Math.sqrt(squares[r] / d + LAYER_NORM_EPS));
                scales[r] = s;
                for (int c = 0; c < d; c++) a[o + c] *= s;
            }
            int len = nr * d;
            for (int i = 0; i < len; i++) out[i] = a[i] * g[i] + bias[i];
            xhat.put(r0 * d, a, 0, nr * d);
            inv.put(r0, scales, 0, nr);
            y.put(r0 * d, out, 0, nr * d);
        }
    }

    /**
     * dx = (1/sigma) (g - mean(g) - x-hat mean(g x-hat)) with g = dy * gamma, written to dx (added to it
     * when {@code accumulate}); d gamma and d beta go to their slots when those are not null.
     */
    private void layerNormBackward(FloatBuffer dy, int rows, FloatBuffer xhat, FloatBuffer inv, FloatBuffer gamma,
                                   FloatBuffer dx, boolean accumulate, FloatBuffer dGamma, FloatBuffer dBeta) {
        boolean weights = dGamma != null;
        float[] gam = tile(gamma, d, ws.tileA);
        float[] dyB = ws.blockA;
        float[] xh = ws.blockB;
        float[] out = ws.blockC;
        float[] g = ws.blockD;
        float[] dg = ws.sumsA;
        float[] db = ws.sumsB;
        float[] scales = ws.rowScales;
        float[] sumsG = ws.rowSums;
        float[] dotsGx = ws.rowDots;
        if (weights) {
            Arrays.fill(dg, 0, ROW_BLOCK * d, 0f);
            Arrays.fill(db, 0, ROW_BLOCK * d, 0f);
        }
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int nr = Math.min(ROW_BLOCK, rows - r0);
            int len = nr * d;
            dy.get(r0 * d, dyB, 0, len);
            xhat.get(r0 * d, xh, 0, len);
            inv.get(r0, scales, 0, nr);
            if (accumulate) {
                dx.get(r0 * d, out, 0, len);
            } else {
                Arrays.fill(out, 0, len, 0f);
            }
            for (int i = 0; i < len; i++) g[i] = dyB[i] * gam[i];
            FloatSums.rowSums(g, 0, nr, d, sumsG, 0);
            FloatSums.rowDots(g, 0, xh, 0, nr, d, dotsGx, 0);
            for (int r = 0; r < nr; r++) {
                int o = r * d;
                float meanG = sumsG[r] / d;
                float meanGx = dotsGx[r] / d;
                float s = scales[r];
                for (int c = 0; c < d; c++) out[o + c] += s * (g[o + c] - meanG - xh[o + c] * meanGx);
            }
            dx.put(r0 * d, out, 0, len);
            if (weights) {
                for (int i = 0; i < len; i++) {
                    dg[i] += dyB[i] * xh[i];
                    db[i] += dyB[i];
                }
            }
        }
        if (weights) {
            addUpRows(dg, d, dGamma);
            addUpRows(db, d, dBeta);
        }
    }

    /** The residual's backward: dInput = dQuery at the query rows, zero at the others. */
    private void residualGradient(FloatBuffer dQuery, int l, FloatBuffer dInput) {
        int tq = queries(l);
        if (tq == positions) {
            dInput.put(0, dQuery, 0, n * positions * d);
            return;
        }
        float[] zeros = new float[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < positions; t++) {
                int to = (i * positions + t) * d;
                if (t < tq) {
                    dInput.put(to, dQuery, (i * tq + t) * d, d);
                } else {
                    dInput.put(to, zeros);
                }
            }
        }
    }

    /** Sums of each column of m (rows x cols): in float per block position, then across positions in double. */
    private void columnSums(FloatBuffer m, int rows, int cols, FloatBuffer out) {
        float[] block = ws.blockA;
        float[] sums = ws.sumsA;
        Arrays.fill(sums, 0, ROW_BLOCK * cols, 0f);
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
            int len = Math.min(ROW_BLOCK, rows - r0) * cols;
            m.get(r0 * cols, block, 0, len);
            for (int i = 0; i < len; i++) sums[i] += block[i];
        }
        addUpRows(sums, cols, out);
    }

    /**
     * out[c] = the sum over the block's rows of sums[r * cols + c], in double, row after row: every column's
     * sum in the same order as one column at a time, but the columns' chains side by side instead of each
     * waiting on its own additions.
     */
    private static void addUpRows(float[] sums, int cols, FloatBuffer out) {
        double[] totals = new double[cols];
        for (int r = 0; r < ROW_BLOCK; r++) {
            int row = r * cols;
            for (int c = 0; c < cols; c++) totals[c] += sums[row + c];
        }
        for (int c = 0; c < cols; c++) out.put(c, (float) totals[c]);
    }

    /** A parameter row of {@code width} values repeated ROW_BLOCK times in {@code tiled}, which is returned. */
    private static float[] tile(FloatBuffer row, int width, float[] tiled) {
        row.get(0, tiled, 0, width);
        for (int r = 1; r < ROW_BLOCK; r++) System.arraycopy(tiled, 0, tiled, r * width, width);
        return tiled;
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
