package org.sedlab.sed;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.RandomStreams;
import org.sedlab.model.GrokTransformer;
import org.sedlab.probe.Coupling;
import org.sedlab.probe.ProbeSet;

/**
 * A per-example basis scored as Table 3 scores it: R of the mean gradient and of each direction
 * against the median response to random directions, and each direction's |cosine| to the mean gradient.
 */
public record DirectionScores(long step, double meanGradientR, double[] directionR, double[] cosineToMean, double randomMedian) {
    /** How directions are scored: the probe set, eps_rel, the random directions and their seed. */
    public record Scoring(ProbeSet probes, double epsRel, int nRandom, long seed) {
        /** At the model's current parameters. */
        public DirectionScores score(GrokTransformer model, long step, SedBasis basis, INDArray meanGradient) {
            Coupling coupling = new Coupling(model, probes, epsRel);
            double median = coupling.randomBaseline(nRandom, new RandomStreams(seed).stream("per-example-random", step)).median();
            double meanNorm = meanGradient.norm2Number().doubleValue();
            double[] r = new double[basis.size()];
            double[] cos = new double[basis.size()];
            for (int i = 0; i < r.length; i++) {
                INDArray v = basis.direction(i).castTo(meanGradient.dataType());
                r[i] = coupling.response(v) / median;
                cos[i] = Math.abs(v.mul(meanGradient).sumNumber().doubleValue()) / meanNorm;
            }
            return new DirectionScores(step, coupling.response(meanGradient) / median, r, cos, median);
        }
    }
}
