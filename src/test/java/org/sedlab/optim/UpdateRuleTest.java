package org.sedlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The optimizers other than AdamW against steps worked out by hand from PyTorch's formulas. */
class UpdateRuleTest {
    private static final AdamWSettings S = new AdamWSettings(0.1, 0.9, 0.98, 1e-8, 0.5);

    private static INDArray floats(double... v) { return Nd4j.createFromArray(v).castTo(DataType.FLOAT); }

    @Test
    void sgdStepsAlongTheGradientPlusTheL2Penalty() {
        INDArray theta = floats(1.0, -2.0);
        ParameterUpdate sgd = ParameterUpdate.of(S.withRule(UpdateRule.SGD), 2, DataType.FLOAT);
        sgd.step(theta, floats(0.2, -3.0));
        assertArrayEquals(new float[]{1.0f - 0.1f * (0.2f + 0.5f * 1.0f), -2.0f - 0.1f * (-3.0f + 0.5f * -2.0f)}, theta.toFloatVector(), 0);
    }

    /** PyTorch's momentum: the buffer starts as the first (penalised) gradient, then b = beta1 b + g'. */
    @Test
    void sgdWithMomentumCarriesItsBufferAndResumes() {
        INDArray theta = floats(1.0);
        ParameterUpdate sgd = ParameterUpdate.of(S.withRule(UpdateRule.SGD_MOMENTUM), 1, DataType.FLOAT);
        sgd.step(theta, floats(0.2));
        float b1 = 0.2f + 0.5f * 1.0f;
        float theta1 = 1.0f - 0.1f * b1;
        assertEquals(theta1, theta.getFloat(0), 0);
        ParameterUpdate resumed = ParameterUpdate.of(S.withRule(UpdateRule.SGD_MOMENTUM), 1, DataType.FLOAT);
        resumed.restore(sgd.state());
        INDArray copy = theta.dup();
        sgd.step(theta, floats(-0.4));
        resumed.step(copy, floats(-0.4));
        float b2 = 0.9f * b1 + (-0.4f + 0.5f * theta1);
        assertEquals(theta1 - 0.1f * b2, theta.getFloat(0), 0);
        assertEquals(theta, copy, "restored from its state, it continues bit for bit");
        assertThrows(IllegalArgumentException.class, () -> resumed.restore(new AdamW(S, 1, DataType.FLOAT).state()),
                "an AdamW state is not SGD's");
    }

    /** Adam with L2: the penalty joins the gradient before the moments, and no decoupled decay. */
    @Test
    void adamWithL2PutsTheDecayInTheGradient() {
        double g0 = 0.2 + 0.5 * 1.0;
        double g1 = -3.0 + 0.5 * -2.0;
        for (DataType type : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            INDArray theta = Nd4j.createFromArray(1.0, -2.0).castTo(type);
            INDArray grad = Nd4j.createFromArray(0.2, -3.0).castTo(type);
            new AdamW(S.withRule(UpdateRule.ADAM_L2), 2, type).step(theta, grad);
            // t = 1: m_hat = g, v_hat = g^2, so the step is lr * g / (|g| + eps) on undecayed weights.
            assertArrayEquals(new double[]{1.0 - 0.1 * g0 / (Math.abs(g0) + 1e-8), -2.0 - 0.1 * g1 / (Math.abs(g1) + 1e-8)}, theta.toDoubleVector(),
                    type == DataType.DOUBLE ? 1e-12 : 1e-6, type.toString());
            assertArrayEquals(new double[]{0.2, -3.0}, grad.toDoubleVector(), 1e-7, "the caller's gradient is left as it was");
        }
        assertEquals(UpdateRule.SGD_MOMENTUM, UpdateRule.parse("SGD-momentum"));
        assertThrows(IllegalArgumentException.class, () -> UpdateRule.parse("lion"));
        assertEquals(S, S.withRule(UpdateRule.ADAMW), "AdamW is the default rule, named nowhere");
    }
}
