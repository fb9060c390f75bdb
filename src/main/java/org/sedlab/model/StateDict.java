package org.sedlab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;

/**
 * Conversion between flat {@link Parameters} and a PyTorch-style state dict (name -> shaped array),
 * the content of a checkpoint. Loading checks every key and shape so that a checkpoint of another
 * model fails with a message naming the mismatch.
 */
public final class StateDict {
    private StateDict() {}

    /** Copies of every parameter, keyed and ordered like the PyTorch model's state_dict. */
    public static Map<String, INDArray> of(Parameters params) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : params.layout().stateDictOrder()) out.put(name, params.view(name).dup());
        return out;
    }

    /** Parameters for the task's model, filled from a state dict; {@code source} names it in errors. */
    public static Parameters toParameters(Map<String, INDArray> state, Task task, DataType dtype, String source) {
        ParameterLayout layout = ParameterLayout.of(Architecture.forTask(task));
        List<String> problems = new ArrayList<>();
        for (String name : layout.stateDictOrder()) {
            INDArray a = state.get(name);
            long[] expected = layout.slot(name).shape();
            if (a == null) {
                problems.add("missing '" + name + "'");
            } else if (!Arrays.equals(normalisedShape(a), expected)) {
                problems.add("'" + name + "' has shape " + Arrays.toString(a.shape()) + ", expected " + Arrays.toString(expected));
            }
        }
        TreeSet<String> unknown = new TreeSet<>(state.keySet());
        unknown.removeAll(layout.stateDictOrder());
        if (!unknown.isEmpty()) problems.add("unexpected keys " + unknown);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " does not fit a " + task.name() + " model with p=" + task.p()
                    + ": " + String.join("; ", problems.subList(0, Math.min(problems.size(), 5)))
                    + (problems.size() > 5 ? " (and " + (problems.size() - 5) + " more)" : ""));
        }
        Parameters params = Parameters.zeros(layout, dtype);
        for (String name : layout.stateDictOrder()) {
            params.view(name).assign(state.get(name).castTo(dtype).reshape(layout.slot(name).shape()));
        }
        return params;
    }

    /** The task a state dict was trained on: p from the embedding, single or multitask from the heads. */
    public static Task inferTask(Map<String, INDArray> state, ModOp singleOp, String source) {
        INDArray tok = state.get("tok_emb.weight");
        if (tok == null || tok.rank() != 2) {
            throw new IllegalArgumentException(source + " has no 2-D 'tok_emb.weight': it is not a checkpoint of this model");
        }
        int p = (int) tok.size(0);
        if (state.containsKey("head_add.weight")) return Task.multitask(p);
        return Task.single(singleOp, p);
    }

    // PyTorch may save pos_emb as (1, T, d); treat leading singleton axes as absent.
    private static long[] normalisedShape(INDArray a) {
        long[] s = a.shape();
        int i = 0;
        while (s.length - i > 1 && s[i] == 1) i++;
        return Arrays.copyOfRange(s, i, s.length);
    }
}
