package org.sedlab.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.io.FilteredStdout;

/**
 * The SameDiff definition of the model, one instance per {@link Objective}. Every instance holds the
 * same live parameter views, so all of them always see the current weights.
 *
 * <p>Choices forced by ND4J 1.0.0-M2.1: tokens are embedded as one-hot x matrix (gather's backward
 * is a slow Java loop and wrong for repeated tokens); GELU is built from erf (the built-in ones are
 * the tanh/sigmoid approximations); LayerNorm is written out so its epsilon is exactly PyTorch's.
 */
final class TransformerGraph {
    static final String TOKENS = "tokens";
    static final String EMBEDDED = "embedded";
    static final String LOSS = "loss";
    /** Per-example weights of the objective's sum (the objective's own: 1/N for the mean cross-entropy). */
    static final String WEIGHTS = "weights";
    private static final double LAYER_NORM_EPS = 1e-5;

    final SameDiff sd;
    final Objective objective;

    private final Architecture arch;
    private final DataType dtype;

    private TransformerGraph(Architecture arch, Parameters params, Objective objective) {
        this.arch = arch;
        this.objective = objective;
        this.dtype = params.dataType();
        this.sd = SameDiff.create();
        // Without single-threaded holders SameDiff copies the arrays passed to var(), and the
        // graph would stop seeing updates written into the flat parameter vector.
        sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);
        for (ParameterLayout.Slot slot : params.layout().slots()) {
            sd.var(slot.name(), params.view(slot.name()));
        }
        define();
    }

    static TransformerGraph build(Architecture arch, Parameters params, Objective objective) {
        return new TransformerGraph(arch, params, objective);
    }

    /**
     * Builds the backward graph once. SameDiff 1.0.0-M2.1 prints a line per op to stdout while it
     * does so (no logger controls it); those lines are dropped, any other output passes.
     */
    void prepareGradients() {
        if (sd.getFunction("grad") == null) FilteredStdout.dropLinesStartingWith("Added differentiated op", sd::createGradFunction);
    }

    static String logitsName(int head) { return "logits_" + head; }

    static String labelsName(int head) { return "labels_" + head; }

    private void define() {
        int d = arch.dModel();
        int positions = arch.positions();
        SDVariable tokens = sd.placeHolder(TOKENS, DataType.INT, -1, positions);
        SDVariable oneHot = sd.oneHot(tokens, arch.vocab(), -1, 1.0, 0.0, dtype);
        SDVariable tokEmb = sd.mmul(sd.reshape(oneHot, -1, arch.vocab()), sd.getVariable("tok_emb.weight"));
        SDVariable embedded = sd.reshape(tokEmb, -1, positions, d).add(EMBEDDED, sd.getVariable("pos_emb"));

        // The residual stream is kept as (B*T, d): plain row-wise ops, and broadcasts over rows only.
        SDVariable h = sd.reshape(embedded, -1, d);
        for (int l = 0; l < arch.nLayers(); l++) {
            String p = ParameterLayout.layerPrefix(l);
            h = h.add(attention(layerNorm(h, p + "norm1"), p + "self_attn."));
            h = h.add(feedForward(layerNorm(h, p + "norm2"), p));
        }
        SDVariable first = sd.reshape(h, -1, positions, d).get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
        SDVariable readout = layerNorm(first, "ln");

        // Each example's loss, summed over the heads the objective uses, then weighted and summed.
        List<SDVariable> terms = new ArrayList<>();
        for (int head = 0; head < arch.heads().size(); head++) {
            String name = arch.heads().get(head);
            SDVariable logits = linear(readout, name).rename(logitsName(head));
            if (!objective.usesHead(head)) continue;
            terms.add(switch (objective.kind()) {
                case CROSS_ENTROPY -> logSoftmax(logits).mul(labelOneHot(head)).sum(1).neg();
                case TARGET_LOGIT -> logits.mul(labelOneHot(head)).sum(1);
                case ALL_LOGITS -> logits.sum(1);
            });
        }
        SDVariable perExample = terms.get(0);
        for (int i = 1; i < terms.size(); i++) perExample = perExample.add(terms.get(i));
        SDVariable weights = sd.placeHolder(WEIGHTS, dtype, -1);
        perExample.mul(weights).sum().rename(LOSS).markAsLoss();
    }

    private SDVariable labelOneHot(int head) {
        SDVariable labels = sd.placeHolder(labelsName(head), DataType.INT, -1);
        return sd.oneHot(labels, arch.vocab(), -1, 1.0, 0.0, dtype);
    }

    /**
     * z - logsumexp(z) over classes, shifted by the row max for stability (the shift's gradient
     * cancels exactly). Written out: SameDiff's LogSoftMax with an axis fails to build a backward graph.
     */
    private SDVariable logSoftmax(SDVariable logits) {
        SDVariable shifted = logits.sub(logits.max(true, 1));
        return shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
    }

    /** PyTorch's nn.MultiheadAttention with packed in_proj, for input rows (B*positions, d). */
    private SDVariable attention(SDVariable x, String p) {
        int d = arch.dModel();
        int positions = arch.positions();
        int nHeads = arch.nHeads();
        int hd = arch.headDim();
        SDVariable qkv = sd.mmul(x, sd.getVariable(p + "in_proj_weight"), false, true, false)
                .add(sd.getVariable(p + "in_proj_bias"));
        // (B*T, 3d) -> (3, B, heads, T, head_dim)
        SDVariable split = sd.permute(sd.reshape(qkv, -1, positions, 3, nHeads, hd), 2, 0, 3, 1, 4);
        SDVariable[] qkvParts = sd.unstack(split, 0, 3);
        SDVariable scores = sd.mmul(qkvParts[0], qkvParts[1], false, true, false).mul(1.0 / Math.sqrt(hd));
        SDVariable weights = sd.nn.softmax(scores, 3);
        SDVariable context = sd.mmul(weights, qkvParts[2]);
        SDVariable merged = sd.reshape(sd.permute(context, 0, 2, 1, 3), -1, d);
        return sd.mmul(merged, sd.getVariable(p + "out_proj.weight"), false, true, false)
                .add(sd.getVariable(p + "out_proj.bias"));
    }

    private SDVariable feedForward(SDVariable x, String p) {
        return linear(gelu(linear(x, p + "linear1")), p + "linear2");
    }

    /** y = x W^T + b with PyTorch's (out, in) weight layout. */
    private SDVariable linear(SDVariable x, String name) {
        return sd.mmul(x, sd.getVariable(name + ".weight"), false, true, false).add(sd.getVariable(name + ".bias"));
    }

    /** Exact GELU: x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)). */
    private SDVariable gelu(SDVariable x) {
        return x.mul(sd.math.erf(x.mul(1 / Math.sqrt(2))).add(1.0)).mul(0.5);
    }

    /**
     * LayerNorm over the columns of (rows, d) with biased variance and eps inside the square root.
     * Both scalings are same-shape multiplies of operands expanded by a rank-1 matmul: libnd4j's
     * broadcasting multiply_bp was measured 20x slower than the same-shape one (6 ms vs 0.3 ms at
     * 1024 x 128) and dominated the backward pass.
     */
    private SDVariable layerNorm(SDVariable x, String name) {
        int d = arch.dModel();
        SDVariable centred = x.sub(x.mean(true, 1));
        SDVariable variance = centred.mul(centred).mean(true, 1);
        SDVariable inverseStd = sd.math.rsqrt(variance.add(LAYER_NORM_EPS));
        SDVariable onesRow = sd.constant(Nd4j.ones(dtype, 1, d));
        SDVariable onesColumn = sd.onesLike(inverseStd);
        SDVariable normalised = centred.mul(sd.mmul(inverseStd, onesRow));
        SDVariable weight = sd.mmul(onesColumn, sd.reshape(sd.getVariable(name + ".weight"), 1, d));
        return normalised.mul(weight).add(sd.getVariable(name + ".bias"));
    }
}
