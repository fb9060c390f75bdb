package org.sedlab.sed;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.RandomStreams;

/** A control: k orthonormalised Gaussian directions, drawn afresh (but reproducibly) per checkpoint. */
public final class RandomEstimator implements SedEstimator {
    public static final String NAME = "random";

    private final long size;
    private final RandomStreams streams;

    public RandomEstimator(long attentionSize, long seed) {
        this.size = attentionSize;
        this.streams = new RandomStreams(seed);
    }

    @Override public String name() { return NAME; }

    @Override
    public SedBasis basis(int index, int k) {
        SplittableRandom rng = streams.stream("random-basis", index);
        INDArray g = Nd4j.create(DataType.DOUBLE, k, size);
        double[] row = new double[(int) size];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < row.length; j++) row[j] = rng.nextGaussian();
            g.putRow(i, Nd4j.createFromArray(row));
        }
        // Gram-Schmidt: the rows span the same space, now orthonormal.
        for (int i = 0; i < k; i++) {
            INDArray v = g.getRow(i);
            for (int j = 0; j < i; j++) v.subi(g.getRow(j).mul(v.mul(g.getRow(j)).sumNumber().doubleValue()));
            v.divi(v.norm2Number());
        }
        double[] none = new double[k];
        java.util.Arrays.fill(none, Double.NaN);
        return new SedBasis(g.castTo(DataType.FLOAT), none);
    }
}
