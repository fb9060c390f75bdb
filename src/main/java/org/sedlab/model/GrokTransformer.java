package org.sedlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.Batch;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.data.RandomStreams;

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
        return passes.loss(batch.pairs(), batch.labels(), objective);
    }

    /**
     * Writes d(objective)/d(theta) into {@code gradient} (a flat vector laid out like the parameters)
     * and returns the objective's value.
     */
    public double lossAndGradient(Batch batch, Objective objective, INDArray gradient) {
        requireHeadOf(objective);
        return passes.lossAndGradient(batch.pairs(), batch.labels(), objective, gradient);
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
