package org.sedlab.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.Pairs;

/**
 * The passes an engine computes for {@link GrokTransformer}, which checks the arguments first. An
 * objective's value is the sum over examples of {@code weights[i]} times example i's loss.
 */
interface Passes {
    /** Logits of every head, each (N, vocab). */
    INDArray[] allLogits(Pairs x);

    /** The objective's value. */
    double loss(Pairs x, int[][] labels, Objective objective, double[] weights);

    /** The objective's value; its gradient goes into the flat vector {@code gradient}. */
    double lossAndGradient(Pairs x, int[][] labels, Objective objective, double[] weights, INDArray gradient);

    /** d(objective)/d(embedded input) under the objective's own weights, shape (N, positions*d). */
    INDArray embeddingGradient(Pairs x, int[][] labels, Objective objective);
}
