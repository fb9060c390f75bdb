package org.sedlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All of a model's parameters as one flat vector with named views. Writing through a view, or
 * through {@link #attention()}, changes the model directly: the SameDiff graph holds these views.
 */
public final class Parameters {
    private final ParameterLayout layout;
    private final INDArray flat;

    public Parameters(ParameterLayout layout, INDArray flat) {
        if (flat.rank() != 1 || flat.length() != layout.size()) {
            throw new IllegalArgumentException("flat parameter vector has shape " + java.util.Arrays.toString(flat.shape())
                    + " but the layout needs a vector of " + layout.size());
        }
        this.layout = layout;
        this.flat = flat;
    }

    public static Parameters zeros(ParameterLayout layout, DataType dtype) {
        return new Parameters(layout, Nd4j.zeros(dtype, layout.size()));
    }

    public ParameterLayout layout() { return layout; }

    /** The whole flat vector (live). */
    public INDArray flat() { return flat; }

    /** A live, shaped view of one named parameter. */
    public INDArray view(String name) {
        ParameterLayout.Slot s = layout.slot(name);
        return flat.get(NDArrayIndex.interval(s.offset(), s.end())).reshape(s.shape());
    }

    /** The attention space theta_attn as a live vector of attentionSize() values, in spec order. */
    public INDArray attention() {
        return flat.get(NDArrayIndex.interval(0, layout.attentionSize()));
    }

    public DataType dataType() { return flat.dataType(); }

    /** An independent copy (new storage) in the given type. */
    public Parameters copy(DataType dtype) {
        return new Parameters(layout, flat.castTo(dtype).dup());
    }

    public Parameters copy() { return copy(flat.dataType()); }
}
