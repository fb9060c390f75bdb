package org.sedlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;

class ModelStructureTest {

    @Test
    void paperModelHasTheSpecParameterCountsAndPyTorchKeys() {
        ParameterLayout layout = ParameterLayout.of(Architecture.forTask(Task.single(ModOp.ADD, 97)));
        assertEquals(290_401, layout.size());
        assertEquals(131_072, layout.attentionSize());
        assertEquals(List.of("pos_emb", "tok_emb.weight", "encoder.layers.0.self_attn.in_proj_weight"),
                layout.stateDictOrder().subList(0, 3));
        assertEquals(List.of("ln.weight", "ln.bias", "head.weight", "head.bias"),
                layout.stateDictOrder().subList(layout.stateDictOrder().size() - 4, layout.stateDictOrder().size()));
        // theta_attn is L0.in_proj, L0.out_proj, L1.in_proj, L1.out_proj, contiguous from 0.
        assertEquals(0, layout.slot("encoder.layers.0.self_attn.in_proj_weight").offset());
        assertEquals(49_152, layout.slot("encoder.layers.0.self_attn.out_proj.weight").offset());
        assertEquals(65_536, layout.slot("encoder.layers.1.self_attn.in_proj_weight").offset());
        assertEquals(114_688, layout.slot("encoder.layers.1.self_attn.out_proj.weight").offset());

        ParameterLayout multi = ParameterLayout.of(Architecture.forTask(Task.multitask(97)));
        assertEquals(290_401 - 12_513 + 4 * 12_513, multi.size());
        assertTrue(multi.has("head_sq.bias") && !multi.has("head.weight"));
    }

    @Test
    void initialisationFollowsPyTorchAndBothLayersStartIdentical() {
        GrokTransformer model = GrokTransformer.initialised(Task.single(ModOp.ADD, 97), 42, DataType.FLOAT);
        Parameters p = model.parameters();
        for (String name : p.layout().stateDictOrder()) {
            if (name.startsWith("encoder.layers.0.")) {
                assertEquals(p.view(name), p.view(name.replace("layers.0.", "layers.1.")), name);
            }
        }
        assertEquals(1.0, p.view("tok_emb.weight").stdNumber().doubleValue(), 0.02);
        assertEquals(1 / Math.sqrt(128), p.view("pos_emb").stdNumber().doubleValue(), 0.01);
        double xavier = Math.sqrt(6.0 / (128 + 384));
        INDArray inProj = p.view("encoder.layers.0.self_attn.in_proj_weight");
        assertTrue(inProj.maxNumber().doubleValue() <= xavier && inProj.maxNumber().doubleValue() > 0.99 * xavier);
        assertEquals(0.0, p.view("encoder.layers.1.self_attn.in_proj_bias").norm2Number().doubleValue());
        assertEquals(0.0, p.view("encoder.layers.0.self_attn.out_proj.bias").norm2Number().doubleValue());
        assertEquals(128.0, p.view("ln.weight").sumNumber().doubleValue());
        double head = 1 / Math.sqrt(128);
        assertTrue(p.view("head.bias").amaxNumber().doubleValue() <= head);
    }

    @Test
    void viewsAreLiveSoWritingTheFlatVectorChangesTheModel() {
        GrokTransformer model = GrokTransformer.initialised(Task.single(ModOp.ADD, 7), 3, DataType.DOUBLE);
        Pairs x = new Pairs(new int[]{1, 2}, new int[]{3, 4});
        INDArray before = model.logits(x, 0).dup();
        model.parameters().view("head.bias").addi(1.0);
        INDArray after = model.logits(x, 0);
        assertEquals(before.add(1.0), after);
        model.parameters().attention().muli(0.0);
        assertTrue(model.parameters().view("encoder.layers.1.self_attn.out_proj.weight").norm2Number().doubleValue() == 0);
    }

    @Test
    void stateDictRoundTripsAndRejectsAnotherModel() {
        Task task = Task.single(ModOp.SUB, 11);
        GrokTransformer model = GrokTransformer.initialised(task, 5, DataType.FLOAT);
        Map<String, INDArray> state = StateDict.of(model.parameters());
        Parameters back = StateDict.toParameters(state, task, DataType.FLOAT, "test");
        assertEquals(model.parameters().flat(), back.flat());
        assertEquals(task, StateDict.inferTask(state, ModOp.SUB, "test"));

        IllegalArgumentException wrongP = assertThrows(IllegalArgumentException.class,
                () -> StateDict.toParameters(state, Task.single(ModOp.SUB, 13), DataType.FLOAT, "ckpt.npz"));
        assertTrue(wrongP.getMessage().contains("ckpt.npz does not fit") && wrongP.getMessage().contains("'tok_emb.weight' has shape [11, 128]"),
                wrongP.getMessage());
        state.remove("head.bias");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> StateDict.toParameters(state, task, DataType.FLOAT, "ckpt.npz"));
        assertTrue(missing.getMessage().contains("missing 'head.bias'"), missing.getMessage());
    }

    @Test
    void multitaskModelHasFourHeadsOverOneEncoder() {
        Task multi = Task.multitask(7);
        GrokTransformer model = GrokTransformer.initialised(multi, 1, DataType.DOUBLE);
        Pairs x = new Pairs(new int[]{1, 2, 3}, new int[]{3, 4, 5});
        INDArray[] logits = model.allLogits(x);
        assertEquals(4, logits.length);
        model.parameters().view("head_mul.bias").addi(2.0);
        assertEquals(logits[2].add(2.0), model.logits(x, 2));
        assertEquals(logits[0], model.logits(x, 0));
        assertThrows(IllegalArgumentException.class, () -> model.logits(x, 4));
    }
}
