package org.sedlab.sed;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.model.Parameters;
import org.sedlab.probe.Coupling;
import org.sedlab.probe.ProbeSet;
import org.sedlab.data.RandomStreams;

/**
 * The single-timestep estimator of the paper's Table 3: per-example attention gradients of a batch,
 * stacked (examples x P), centred, and their top right singular vectors; compared with the mean
 * gradient by cosine and by coupling ratio R.
 */
public final class PerExampleGradientSvd {

    /** R of the mean-gradient direction and of each per-example direction, and each direction's cosine to the mean gradient. */
    public record Result(long step, double meanGradientR, double[] directionR, double[] cosineToMean, double randomMedian) {
        public double maxDirectionR() {
            double max = Double.NEGATIVE_INFINITY;
            for (double r : directionR) max = Math.max(max, r);
            return max;
        }
    }

    private PerExampleGradientSvd() {}

    /**
     * @param batchSize examples (512 in the paper), drawn with replacement from the pair domain
     * @param k         directions (3 in the paper)
     */
    public static Result at(GrokTransformer model, long step, ModOp op, int batchSize, int k, ProbeSet probes,
                            double epsRel, int nRandom, long seed, Progress progress) {
        Task task = model.task();
        int head = task.head(op);
        Pairs pairs = task.domain().sample(batchSize, new RandomStreams(seed).stream("per-example-batch-" + op.id()));
        Parameters params = model.parameters();
        INDArray grad = Nd4j.zeros(params.dataType(), params.layout().size());
        INDArray perExample = Nd4j.create(DataType.FLOAT, batchSize, params.layout().attentionSize());
        for (int i = 0; i < batchSize; i++) {
            Batch one = Batch.of(task, pairs.select(new int[]{i}));
            model.lossAndGradient(one, Objective.crossEntropy(head), grad);
            perExample.putRow(i, new Parameters(params.layout(), grad).attention());
            progress.tick("per-example gradients at step " + step, i + 1, batchSize);
        }
        INDArray mean = perExample.mean(0);
        SedBasis basis = RollingSvd.topK(perExample.subRowVector(mean), k);

        Coupling coupling = new Coupling(model, probes, epsRel);
        double median = coupling.randomBaseline(nRandom, new RandomStreams(seed).stream("per-example-random", step)).median();
        double meanNorm = mean.norm2Number().doubleValue();
        double[] r = new double[basis.size()];
        double[] cos = new double[basis.size()];
        for (int i = 0; i < r.length; i++) {
            INDArray v = basis.direction(i).castTo(mean.dataType());
            r[i] = coupling.response(v) / median;
            cos[i] = Math.abs(v.mul(mean).sumNumber().doubleValue()) / meanNorm;
        }
        return new Result(step, coupling.response(mean) / median, r, cos, median);
    }
}
