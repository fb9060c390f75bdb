package org.sedlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;

/** The groups by name, and their values carried out of the flat vector and back. */
class WeightGroupTest {
    private static final ParameterLayout ADD = ParameterLayout.of(Architecture.forTask(Task.single(ModOp.ADD, 11)));

    @Test
    void eachGroupHoldsItsMatrices() {
        assertEquals(List.of("encoder.layers.0.self_attn.in_proj_weight", "encoder.layers.0.self_attn.out_proj.weight",
                "encoder.layers.1.self_attn.in_proj_weight", "encoder.layers.1.self_attn.out_proj.weight"), WeightGroup.ATTENTION.members(ADD));
        assertEquals(ADD.attentionSize(), WeightGroup.ATTENTION.size(ADD), "the paper's theta_attn");
        assertEquals(List.of("encoder.layers.0.linear1.weight", "encoder.layers.0.linear2.weight", "encoder.layers.1.linear1.weight",
                "encoder.layers.1.linear2.weight"), WeightGroup.MLP.members(ADD));
        assertEquals(List.of("pos_emb", "tok_emb.weight"), WeightGroup.EMBEDDING.members(ADD));
        assertEquals(List.of("head.weight"), WeightGroup.HEAD.members(ADD));
        assertEquals(4, WeightGroup.HEAD.members(ParameterLayout.of(Architecture.forTask(Task.multitask(11)))).size(), "a head per op");
        assertEquals(ADD.size(), WeightGroup.ALL.size(ADD));
        assertEquals(WeightGroup.MLP, WeightGroup.parse("MLP"));
        assertThrows(IllegalArgumentException.class, () -> WeightGroup.parse("bias"));
    }

    /** The MLP's matrices lie between biases: gathered into one vector in flat order, and written back to their places only. */
    @Test
    void aScatteredGroupIsGatheredInOrderAndWrittenBackInPlace() {
        INDArray flat = Nd4j.arange(ADD.size()).castTo(DataType.FLOAT);
        INDArray mlp = WeightGroup.MLP.slice(ADD).gather(flat);
        assertEquals(WeightGroup.MLP.size(ADD), mlp.length());
        ParameterLayout.Slot first = ADD.slot("encoder.layers.0.linear1.weight");
        ParameterLayout.Slot second = ADD.slot("encoder.layers.0.linear2.weight");
        assertEquals(first.offset(), mlp.getFloat(0), 0);
        assertEquals(second.offset(), mlp.getFloat(first.size()), 0, "linear1.bias is skipped");
        INDArray before = flat.dup();
        WeightGroup.MLP.slice(ADD).scatter(flat, mlp.neg());
        assertEquals(-first.offset(), flat.getFloat(first.offset()), 0);
        long bias = ADD.slot("encoder.layers.0.linear1.bias").offset();
        assertEquals(before.getFloat(bias), flat.getFloat(bias), 0, "what is not in the group is untouched");
        assertEquals(-before.sumNumber().doubleValue() + 2 * (before.sumNumber().doubleValue() - mlp.sumNumber().doubleValue()),
                flat.sumNumber().doubleValue(), 1e-3 * before.sumNumber().doubleValue());

        INDArray attention = WeightGroup.ATTENTION.slice(ADD).gather(flat);
        attention.assign(7);
        assertEquals(7, flat.getFloat(0), 0, "one run of the flat vector is a live view");
    }
}
