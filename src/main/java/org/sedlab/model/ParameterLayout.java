package org.sedlab.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every named parameter lives in the model's one flat vector. The four attention weight
 * matrices come first, in the paper's order (L0 in_proj, L0 out_proj, L1 in_proj, L1 out_proj), so
 * the attention space theta_attn is the contiguous prefix [0, attentionSize()). Names are the
 * PyTorch state_dict keys of the author's model; {@link #stateDictOrder()} lists them in the order
 * PyTorch would.
 */
public final class ParameterLayout {

    /** One named parameter: its PyTorch key, its shape and its offset in the flat vector. */
    public record Slot(String name, long[] shape, long offset) {
        public long size() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }

        public long end() { return offset + size(); }
    }

    private final Map<String, Slot> slots;
    private final List<String> stateDictOrder;
    private final long attentionSize;
    private final long size;

    private ParameterLayout(Map<String, Slot> slots, List<String> stateDictOrder, long attentionSize) {
        this.slots = Collections.unmodifiableMap(slots);
        this.stateDictOrder = List.copyOf(stateDictOrder);
        this.attentionSize = attentionSize;
        this.size = slots.values().stream().mapToLong(Slot::end).max().orElse(0);
    }

    public static ParameterLayout of(Architecture arch) {
        int d = arch.dModel();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("pos_emb", new long[]{arch.positions(), d});
        shapes.put("tok_emb.weight", new long[]{arch.vocab(), d});
        for (int l = 0; l < arch.nLayers(); l++) {
            String p = layerPrefix(l);
            shapes.put(p + "self_attn.in_proj_weight", new long[]{3L * d, d});
            shapes.put(p + "self_attn.in_proj_bias", new long[]{3L * d});
            shapes.put(p + "self_attn.out_proj.weight", new long[]{d, d});
            shapes.put(p + "self_attn.out_proj.bias", new long[]{d});
            shapes.put(p + "linear1.weight", new long[]{arch.dFF(), d});
            shapes.put(p + "linear1.bias", new long[]{arch.dFF()});
            shapes.put(p + "linear2.weight", new long[]{d, arch.dFF()});
            shapes.put(p + "linear2.bias", new long[]{d});
            shapes.put(p + "norm1.weight", new long[]{d});
            shapes.put(p + "norm1.bias", new long[]{d});
            shapes.put(p + "norm2.weight", new long[]{d});
            shapes.put(p + "norm2.bias", new long[]{d});
        }
        shapes.put("ln.weight", new long[]{d});
        shapes.put("ln.bias", new long[]{d});
        for (String h : arch.heads()) {
            shapes.put(h + ".weight", new long[]{arch.vocab(), d});
            shapes.put(h + ".bias", new long[]{arch.vocab()});
        }

        List<String> flatOrder = new ArrayList<>(attentionNames(arch));
        for (String name : shapes.keySet()) {
            if (!flatOrder.contains(name)) flatOrder.add(name);
        }
        Map<String, Slot> slots = new LinkedHashMap<>();
        long offset = 0;
        long attention = 0;
        for (String name : flatOrder) {
            Slot slot = new Slot(name, shapes.get(name), offset);
            slots.put(name, slot);
            offset = slot.end();
            if (attentionNames(arch).contains(name)) attention = offset;
        }
        return new ParameterLayout(slots, new ArrayList<>(shapes.keySet()), attention);
    }

    static String layerPrefix(int layer) { return "encoder.layers." + layer + "."; }

    private static List<String> attentionNames(Architecture arch) {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < arch.nLayers(); l++) {
            names.add(layerPrefix(l) + "self_attn.in_proj_weight");
            names.add(layerPrefix(l) + "self_attn.out_proj.weight");
        }
        return names;
    }

    public Slot slot(String name) {
        Slot s = slots.get(name);
        if (s == null) throw new IllegalArgumentException("no parameter named '" + name + "'");
        return s;
    }

    public boolean has(String name) { return slots.containsKey(name); }

    /** Slots in flat-vector order (attention first). */
    public List<Slot> slots() { return List.copyOf(slots.values()); }

    /** Parameter names in the order of the equivalent PyTorch model's state_dict. */
    public List<String> stateDictOrder() { return stateDictOrder; }

    /** Number of values in the attention space (131,072 for the paper's model). */
    public long attentionSize() { return attentionSize; }

    /** Total number of parameters (290,401 for p = 97). */
    public long size() { return size; }
}
