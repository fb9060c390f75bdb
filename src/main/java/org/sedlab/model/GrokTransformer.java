package org.sedlab.model;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.data.RandomStreams;
import org.sedlab.linalg.Blas;

/**
 * The paper's model for a task: its architecture, its flat parameters, and the engine that computes
 * logits, the loss and its flat gradient, and centroid gradients from them.
 */
public final class GrokTransformer {
    private final Task task;
    private final Architecture arch;
    private final Parameters params;
    private final Engine engine;
    private final Passes passes;

    /** A model on these parameters with the configured engine ({@link Engine#configured()}); SameDiff unless float32. */
    public GrokTransformer(Task task, Parameters params) {
        this(task, params, params.dataType() == DataType.FLOAT ? Engine.configured() : Engine.SAMEDIFF);
    }

    public GrokTransformer(Task task, Parameters params, Engine engine) {
        this.task = task;
        this.arch = Architecture.forTask(task);
        ParameterLayout expected = ParameterLayout.of(arch);
        if (params.layout().size() != expected.size()) {
            throw new IllegalArgumentException("parameters hold " + params.layout().size()
                    + " values but a " + task.name() + " model with p=" + task.p() + " has " + expected.size());
        }
        this.params = params;
        this.engine = engine;
        this.passes = engine == Engine.KERNEL ? new KernelPasses(arch, params) : new GraphPasses(arch, params);
    }

    /** A freshly initialised model (PyTorch's scheme) drawn from the seed's "init" stream. */
    public static GrokTransformer initialised(Task task, long seed, DataType dtype) {
        Architecture arch = Architecture.forTask(task);
        Parameters params = Parameters.zeros(ParameterLayout.of(arch), dtype);
        PyTorchInit.initialise(params, arch, new RandomStreams(seed).stream("init"));
        return new GrokTransformer(task, params);
    }

    /** The same model (same live parameters) computed by another engine. */
    public GrokTransformer withEngine(Engine other) {
        return other == engine ? this : new GrokTransformer(task, params, other);
    }

    public Task task() { return task; }

    public Architecture architecture() { return arch; }

    public Parameters parameters() { return params; }

    public Engine engine() { return engine; }

    /** Logits of one head, shape (N, p). */
    public INDArray logits(Pairs x, int head) {
        requireHead(head);
        return allLogits(x)[head];
    }

    /** Logits of every head: the forward pass used for evaluation. */
    public INDArray[] allLogits(Pairs x) {
        return passes.allLogits(x);
    }

    /** The objective's value on a batch (no gradient). */
    public double loss(Batch batch, Objective objective) {
        requireHeadOf(objective);
        return passes.loss(batch.pairs(), batch.labels(), objective, objective.uniformWeights(batch.size()));
    }

    /**
     * Writes d(objective)/d(theta) into {@code gradient} (a flat vector laid out like the parameters)
     * and returns the objective's value.
     */
    public double lossAndGradient(Batch batch, Objective objective, INDArray gradient) {
        return weightedLossAndGradient(batch, objective, objective.uniformWeights(batch.size()), gradient);
    }

    /**
     * The gradient of sum_i weights[i] * (example i's loss under the objective) into {@code gradient},
     * and that sum: one backward pass for any weighting of the examples (negative weights too).
     */
    public double weightedLossAndGradient(Batch batch, Objective objective, double[] weights, INDArray gradient) {
        requireHeadOf(objective);
        if (weights.length != batch.size()) {
            throw new IllegalArgumentException(weights.length + " example weights for a batch of " + batch.size());
        }
        return passes.lossAndGradient(batch.pairs(), batch.labels(), objective, weights, gradient);
    }

    /**
     * d(example i's loss)/d(its logits) for every example, per head the objective uses (null for the
     * others), each (N, vocab) in float32: from either engine's logits by the one definition of the
     * objective the kernel's backward pass starts from.
     */
    public INDArray[] exampleLogitGradients(Batch batch, Objective objective) {
        requireHeadOf(objective);
        int n = batch.size();
        INDArray[] logits = allLogits(batch.pairs());
        FloatBuffer[] z = new FloatBuffer[logits.length];
        FloatBuffer[] dz = new FloatBuffer[logits.length];
        INDArray[] result = new INDArray[logits.length];
        for (int h = 0; h < logits.length; h++) {
            z[h] = Blas.view(logits[h].castTo(DataType.FLOAT).dup().reshape(-1));
            if (!objective.usesHead(h)) continue;
            result[h] = Nd4j.create(DataType.FLOAT, n, arch.vocab());
            dz[h] = Blas.view(result[h].reshape(-1));
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        LogitObjective.evaluate(objective, z, n, arch.vocab(), batch.labels(), ones, dz);
        return result;
    }

    /**
     * Centroids mu_x = d z_{y_x} / d e_x for every probe, one backward pass: shape (N, positions*d).
     * Probes do not interact, so the gradient of the sum is the stack of per-probe gradients.
     */
    public INDArray centroids(Pairs probes, int[] labels, int head) {
        requireHead(head);
        int[][] perHead = new int[arch.heads().size()][];
        perHead[head] = labels;
        return passes.embeddingGradient(probes, perHead, Objective.targetLogit(head));
    }

    /** The full LCH centroid d(sum_c z_c)/d e_x for every probe, shape (N, positions*d). */
    public INDArray fullCentroids(Pairs probes, int head) {
        requireHead(head);
        return passes.embeddingGradient(probes, null, Objective.allLogits(head));
    }

    private void requireHeadOf(Objective objective) {
        if (objective.head() != Objective.ALL_HEADS) requireHead(objective.head());
    }

    private void requireHead(int head) {
        if (head < 0 || head >= arch.heads().size()) {
            throw new IllegalArgumentException("head " + head + " does not exist; the model has "
                    + arch.heads().size() + " head(s): " + arch.heads());
        }
    }
}
