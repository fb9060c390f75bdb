package org.sedlab.train;

import org.sedlab.linalg.PortableMath;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.Batch;
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
            INDArray[] logits = model.allLogits(batch.pairs().slice(from, to));
            for (int h = 0; h < heads; h++) {
                int vocab = (int) logits[h].columns();
                // One pass over plain values: ND4J's log-softmax and per-element reads took a third of an evaluation.
                double[] z = logits[h].reshape(logits[h].length()).toDoubleVector();
                for (int i = from; i < to; i++) {
                    int o = (i - from) * vocab;
                    int best = 0;
                    for (int c = 1; c < vocab; c++) if (z[o + c] > z[o + best]) best = c;
                    double max = z[o + best];
                    double sum = 0;
                    for (int c = 0; c < vocab; c++) sum += PortableMath.exp(z[o + c] - max);
                    int y = batch.labels()[h][i];
                    if (best == y) correct[h]++;
                    lossSum[h] += max + StrictMath.log(sum) - z[o + y];
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
