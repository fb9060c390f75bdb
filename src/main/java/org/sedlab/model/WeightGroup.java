package org.sedlab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A group of the model's weights by their PyTorch names: the attention matrices (the paper's
 * theta_attn, the flat vector's prefix), the MLP matrices, the embeddings, the read-out heads, or
 * every parameter. Weight norms are measured per group, and an intervention projects one group's
 * gradient or update through the group's {@link Slice} of the flat vector.
 */
public enum WeightGroup {
    ATTENTION("attention", "the attention weights", n -> n.contains("self_attn.") && n.endsWith("weight")),
    MLP("mlp", "the MLP weights", n -> n.endsWith("linear1.weight") || n.endsWith("linear2.weight")),
    EMBEDDING("embedding", "the embeddings", n -> n.equals("tok_emb.weight") || n.equals("pos_emb")),
    HEAD("head", "the read-out heads", n -> n.startsWith("head") && n.endsWith(".weight")),
    ALL("all", "every weight", n -> true);

    private final String word;
    private final String phrase;
    private final Predicate<String> member;

    WeightGroup(String word, String phrase, Predicate<String> member) {
        this.word = word;
        this.phrase = phrase;
        this.member = member;
    }

    /** Its name in files and on the command line: "attention", "mlp", ... */
    public String word() { return word; }

    /** Its name in a sentence: "the MLP weights", "every weight". */
    public String phrase() { return phrase; }

    public boolean contains(String parameter) { return member.test(parameter); }

    public static WeightGroup parse(String name) {
        for (WeightGroup g : values()) if (g.word.equals(name.trim().toLowerCase(Locale.ROOT))) return g;
        throw new IllegalArgumentException("unknown weight group '" + name + "': choose attention, mlp, embedding, head or all");
    }

    /** The group's parameters, in flat-vector order. */
    public List<String> members(ParameterLayout layout) {
        return layout.slots().stream().map(ParameterLayout.Slot::name).filter(this::contains).toList();
    }

    public long size(ParameterLayout layout) { return slice(layout).size(); }

    /** Where the group's values lie in a layout's flat vector; a training run computes it once. */
    public Slice slice(ParameterLayout layout) {
        List<long[]> ranges = new ArrayList<>();
        for (ParameterLayout.Slot s : layout.slots()) {
            if (!contains(s.name())) continue;
            long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last[1] == s.offset()) last[1] = s.end();
            else ranges.add(new long[]{s.offset(), s.end()});
        }
        return new Slice(ranges);
    }

    /**
     * A group's runs of the flat vector, [start, end), adjacent members merged: {@link #gather} and
     * {@link #scatter} carry its values between the flat vector and one vector of {@link #size} values.
     */
    public record Slice(List<long[]> ranges, long size) {
        Slice(List<long[]> ranges) {
            this(List.copyOf(ranges), ranges.stream().mapToLong(r -> r[1] - r[0]).sum());
        }

        /** The group's values: a live view of the flat vector when they are one run of it, else a copy ({@link #scatter} puts it back). */
        public INDArray gather(INDArray flat) {
            if (ranges.size() == 1) return flat.get(NDArrayIndex.interval(ranges.get(0)[0], ranges.get(0)[1]));
            INDArray out = Nd4j.create(flat.dataType(), size);
            long at = 0;
            for (long[] r : ranges) {
                out.get(NDArrayIndex.interval(at, at + r[1] - r[0])).assign(flat.get(NDArrayIndex.interval(r[0], r[1])));
                at += r[1] - r[0];
            }
            return out;
        }

        /** Writes a vector {@link #gather} returned back into the flat vector (nothing to do for a live view). */
        public void scatter(INDArray flat, INDArray values) {
            if (ranges.size() == 1) return;
            long at = 0;
            for (long[] r : ranges) {
                flat.get(NDArrayIndex.interval(r[0], r[1])).assign(values.get(NDArrayIndex.interval(at, at + r[1] - r[0])));
                at += r[1] - r[0];
            }
        }
    }
}
