package org.sedlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sedlab.data.Batch;
import org.sedlab.data.Pairs;
import org.sedlab.data.Split;
import org.sedlab.model.GrokTransformer;

/** Loss and accuracy of every head on the full train and test splits, in chunks to bound memory. */
public final class Evaluator {
    private static final int CHUNK = 2048;
    private final Batch train;
    private final Batch test;

    public Evaluator(GrokTransformer model, Split split) {
        this.train = Batch.of(model.task(), split.train());
        this.test = Batch.of(model.task(), split.test());
    }

    public Evaluation evaluate(GrokTransformer model, long step) {
        double[][] tr = measure(model, train);
        double[][] te = measure(model, test);
        return new Evaluation(step, tr[0], tr[1], te[0], te[1]);
    }

    /** Returns {loss per head, accuracy per head}. */
    private static double[][] measure(GrokTransformer model, Batch batch) {
        int heads = batch.labels().length;
        double[] lossSum = new double[heads];
        long[] correct = new long[heads];
        int n = batch.size();
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            Pairs chunk = batch.pairs().slice(from, to);
            INDArray[] logits = model.allLogits(chunk);
            for (int h = 0; h < heads; h++) {
                INDArray z = logits[h];
                int[] predicted = z.argMax(1).toIntVector();
                INDArray shifted = z.subColumnVector(z.max(true, 1));
                INDArray logProb = shifted.subColumnVector(Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false));
                for (int i = from; i < to; i++) {
                    int y = batch.labels()[h][i];
                    if (predicted[i - from] == y) correct[h]++;
                    lossSum[h] -= logProb.getDouble(i - from, y);
                }
            }
        }
        double[] loss = new double[heads];
        double[] acc = new double[heads];
        for (int h = 0; h < heads; h++) {
            loss[h] = lossSum[h] / n;
            acc[h] = (double) correct[h] / n;
        }
        return new double[][]{loss, acc};
    }
}
