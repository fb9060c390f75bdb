package org.sedlab.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Pairs;

/** The passes computed by the SameDiff graphs, one graph per objective, all on the live parameters. */
final class GraphPasses implements Passes {
    /** Graph executions make many arrays: their native memory is released after every few (see {@link NativeMemory}). */
    private static final int EXECUTIONS_PER_COLLECTION = 5;
    private static int executions;

    private final Architecture arch;
    private final Parameters params;
    private final Map<Objective, TransformerGraph> graphs = new HashMap<>();

    GraphPasses(Architecture arch, Parameters params) {
        this.arch = arch;
        this.params = params;
    }

    @Override
    public INDArray[] allLogits(Pairs x) {
        TransformerGraph g = graph(Objective.allLogits(0));
        String[] names = new String[arch.heads().size()];
        for (int h = 0; h < names.length; h++) names[h] = TransformerGraph.logitsName(h);
        Map<String, INDArray> out = g.sd.output(inputs(x, null, g.objective, g.objective.uniformWeights(x.size())), names);
        reclaimNativeMemory();
        INDArray[] result = new INDArray[names.length];
        for (int h = 0; h < names.length; h++) result[h] = out.get(names[h]);
        return result;
    }

    @Override
    public double loss(Pairs x, int[][] labels, Objective objective, double[] weights) {
        TransformerGraph g = graph(objective);
        double loss = g.sd.output(inputs(x, labels, objective, weights), TransformerGraph.LOSS).get(TransformerGraph.LOSS).getDouble(0);
        reclaimNativeMemory();
        return loss;
    }

    @Override
    public double lossAndGradient(Pairs x, int[][] labels, Objective objective, double[] weights, INDArray gradient) {
        TransformerGraph g = graph(objective);
        String[] names = params.layout().slots().stream().map(ParameterLayout.Slot::name).toArray(String[]::new);
        g.prepareGradients();
        var result = g.sd.calculateGradientsAndOutputs(inputs(x, labels, objective, weights),
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

    @Override
    public INDArray embeddingGradient(Pairs x, int[][] labels, Objective objective) {
        TransformerGraph g = graph(objective);
        g.prepareGradients();
        INDArray grad = g.sd.calculateGradients(inputs(x, labels, objective, objective.uniformWeights(x.size())), TransformerGraph.EMBEDDED)
                .get(TransformerGraph.EMBEDDED);
        reclaimNativeMemory();
        return grad.reshape(x.size(), arch.embeddingSize());
    }

    private static synchronized void reclaimNativeMemory() {
        if (++executions % EXECUTIONS_PER_COLLECTION == 0) NativeMemory.release();
    }

    private TransformerGraph graph(Objective objective) {
        return graphs.computeIfAbsent(objective, o -> TransformerGraph.build(arch, params, o));
    }

    private Map<String, INDArray> inputs(Pairs x, int[][] labels, Objective objective, double[] weights) {
        int n = x.size();
        if (weights.length != n) throw new IllegalArgumentException(weights.length + " example weights for " + n + " examples");
        int[] tokens = new int[n * 2];
        for (int i = 0; i < n; i++) {
            tokens[2 * i] = x.a(i);
            tokens[2 * i + 1] = x.b(i);
        }
        Map<String, INDArray> in = new HashMap<>();
        in.put(TransformerGraph.TOKENS, Nd4j.createFromArray(tokens).reshape(n, 2));
        in.put(TransformerGraph.WEIGHTS, Nd4j.createFromArray(weights).castTo(params.dataType()));
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
