package org.sedlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;

class ShiftedAttentionTest {
    private static final GrokTransformer MODEL = GrokTransformer.initialised(Task.single(ModOp.ADD, 7), 2, DataType.FLOAT);

    private static INDArray direction(int n) {
        SplittableRandom rng = new SplittableRandom(3);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return Nd4j.createFromArray(v);
    }

    @Test
    void movesOnlyTheAttentionToOriginalPlusHTimesDirectionAndRestoresEveryBit() {
        Parameters params = MODEL.parameters();
        int attention = Math.toIntExact(params.layout().attentionSize());
        float[] before = params.flat().toFloatVector();
        INDArray v = direction(attention);
        // A step large enough that adding and then subtracting it again would not give the original back.
        double h = 0.37;
        try (ShiftedAttention shifted = new ShiftedAttention(params)) {
            for (double scale : new double[]{h, -h}) {
                shifted.to(v, scale);
                float[] now = params.flat().toFloatVector();
                float[] step = v.mul(scale).toFloatVector();
                float[] expected = Arrays.copyOf(before, before.length);
                for (int i = 0; i < attention; i++) expected[i] += step[i];
                assertArrayEquals(expected, now, "shift " + scale);
            }
        }
        assertArrayEquals(before, params.flat().toFloatVector());
    }

    @Test
    void restoresEveryBitWhenTheMeasurementThrows() {
        Parameters params = MODEL.parameters();
        float[] before = params.flat().toFloatVector();
        INDArray v = direction(Math.toIntExact(params.layout().attentionSize()));
        assertThrows(IllegalStateException.class, () -> {
            try (ShiftedAttention shifted = new ShiftedAttention(params)) {
                shifted.to(v, 1e-3);
                throw new IllegalStateException("a measurement that fails");
            }
        });
        assertArrayEquals(before, params.flat().toFloatVector());
    }
}
