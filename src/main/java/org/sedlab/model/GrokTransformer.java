package org.sedlab.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.provenance.RandomStreams;

/**
 * The paper's model for a task: its architecture, its flat parameters and the SameDiff graphs
 * that compute logits, the loss and its flat gradient, and centroid gradients.
 */
public final class GrokTransformer {
    /**
     * ND4J frees a native buffer only when its Java owner is collected; with a small Java heap that
     * is rare, and the process keeps faulting in fresh pages (passes measured 5-8x slower, RSS past
     * 3.5 GB). Collecting after every few graph executions keeps the time per pass flat.
     */
    private static final int EXECUTIONS_PER_COLLECTION = 5;
    private static int executions;

    private final Task task;
    private final Architecture arch;
    private final Parameters params;
    private final Map<Objective, TransformerGraph> graphs = new HashMap<>();

    public GrokTransformer(Task task, Parameters params) {
        this.task = task;
        this.arch = Architecture.forTask(task);
        ParameterLayout expected = ParameterLayout.of(arch);
        if (params.layout().size() != expected.size()) {
            throw new IllegalArgumentException("parameters hold " + params.layout().size()
                    + " values but a " + task.name() + " model with p=" + task.p() + " has " + expected.size());
        }
        this.params = params;
    }

    /** A freshly initialised model (PyTorch's scheme) drawn from the seed's "init" stream. */
    public static GrokTransformer initialised(Task task, long seed, DataType dtype) {
        Architecture arch = Architecture.forTask(task);
        Parameters params = Parameters.zeros(ParameterLayout.of(arch), dtype);
        PyTorchInit.initialise(params, arch, new RandomStreams(seed).stream("init"));
        return new GrokTransformer(task, params);
    }

    public Task task() { return task; }

    public Architecture architecture() { return arch; }

    public Parameters parameters() { return params; }

    /** Logits of one head, shape (N, p). */
    public INDArray logits(Pairs x, int head) {
        requireHead(head);
        return allLogits(x)[head];
    }

    /** Logits of every head: the forward pass used for evaluation. */
    public INDArray[] allLogits(Pairs x) {
        TransformerGraph g = graph(Objective.allLogits(0));
        String[] names = new String[arch.heads().size()];
        for (int h = 0; h < names.length; h++) names[h] = TransformerGraph.logitsName(h);
        Map<String, INDArray> out = g.sd.output(inputs(x, null, g.objective), names);
        reclaimNativeMemory();
        INDArray[] result = new INDArray[names.length];
        for (int h = 0; h < names.length; h++) result[h] = out.get(names[h]);
        return result;
    }

    /** The objective's value on a batch (no gradient). */
    public double loss(Batch batch, Objective objective) {
        TransformerGraph g = graph(objective);
        double loss = g.sd.output(inputs(batch.pairs(), batch.labels(), objective), TransformerGraph.LOSS)
                .get(TransformerGraph.LOSS).getDouble(0);
        reclaimNativeMemory();
        return loss;
    }

    /**
     * Writes d(objective)/d(theta) into {@code gradient} (a flat vector laid out like the parameters)
     * and returns the objective's value.
     */
    public double lossAndGradient(Batch batch, Objective objective, INDArray gradient) {
        TransformerGraph g = graph(objective);
        String[] names = params.layout().slots().stream().map(ParameterLayout.Slot::name).toArray(String[]::new);
        g.prepareGradients();
        var result = g.sd.calculateGradientsAndOutputs(inputs(batch.pairs(), batch.labels(), objective),
                List.of(TransformerGraph.LOSS), List.of(names));
        Parameters target = new Parameters(params.layout(), gradient);
        for (String name : names) {
            INDArray slice = result.getGradients().get(name);
            // Parameters the objective does not reach (another op's head) have no gradient: it is zero.
            if (slice == null) target.view(name).assign(0);
            else target.view(name).assign(slice);
        }
        reclaimNativeMemory();
        return result.getOutputs().get(TransformerGraph.LOSS).getDouble(0);
    }

    /**
     * Centroids mu_x = d z_{y_x} / d e_x for every probe, one backward pass: shape (N, positions*d).
     * Probes do not interact, so the gradient of the sum is the stack of per-probe gradients.
     */
    public INDArray centroids(Pairs probes, int[] labels, int head) {
        return embeddingGradient(probes, labels, Objective.targetLogit(head));
    }

    /** The full LCH centroid d(sum_c z_c)/d e_x for every probe, shape (N, positions*d). */
    public INDArray fullCentroids(Pairs probes, int head) {
        return embeddingGradient(probes, null, Objective.allLogits(head));
    }

    private INDArray embeddingGradient(Pairs probes, int[] labels, Objective objective) {
        int[][] perHead = null;
        if (labels != null) {
            perHead = new int[arch.heads().size()][];
            perHead[objective.head()] = labels;
        }
        TransformerGraph g = graph(objective);
        g.prepareGradients();
        INDArray grad = g.sd.calculateGradients(inputs(probes, perHead, objective), TransformerGraph.EMBEDDED)
                .get(TransformerGraph.EMBEDDED);
        reclaimNativeMemory();
        return grad.reshape(probes.size(), arch.embeddingSize());
    }

    private static synchronized void reclaimNativeMemory() {
        if (++executions % EXECUTIONS_PER_COLLECTION == 0) System.gc();
    }

    private void requireHead(int head) {
        if (head < 0 || head >= arch.heads().size()) {
            throw new IllegalArgumentException("head " + head + " does not exist; the model has "
                    + arch.heads().size() + " head(s): " + arch.heads());
        }
    }

    private TransformerGraph graph(Objective objective) {
        if (objective.head() != Objective.ALL_HEADS) requireHead(objective.head());
        return graphs.computeIfAbsent(objective, o -> TransformerGraph.build(arch, params, o));
    }

    private Map<String, INDArray> inputs(Pairs x, int[][] labels, Objective objective) {
        int n = x.size();
        int[] tokens = new int[n * 2];
        for (int i = 0; i < n; i++) {
            tokens[2 * i] = x.a(i);
            tokens[2 * i + 1] = x.b(i);
        }
        Map<String, INDArray> in = new HashMap<>();
        in.put(TransformerGraph.TOKENS, Nd4j.createFromArray(tokens).reshape(n, 2));
        if (objective.needsLabels()) {
            for (int h = 0; h < arch.heads().size(); h++) {
                if (!objective.usesHead(h)) continue;
                if (labels == null || labels[h] == null || labels[h].length != n) {
                    throw new IllegalArgumentException("objective " + objective + " needs " + n + " labels for head " + h);
                }
                in.put(TransformerGraph.labelsName(h), Nd4j.createFromArray(labels[h]));
            }
        }
        return in;
    }
}
