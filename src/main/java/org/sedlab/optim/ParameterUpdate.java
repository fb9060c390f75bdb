package org.sedlab.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Turns one step's gradient into a step of the parameters, in place, keeping the state a resumed run needs. */
public interface ParameterUpdate extends Stateful {
    void step(INDArray params, INDArray grad);

    /** The update of a run's settings: AdamW (with or without decoupled decay) or SGD. */
    static ParameterUpdate of(AdamWSettings settings, long size, DataType dtype) {
        return switch (settings.updateRule()) {
            case ADAMW, ADAM_L2 -> new AdamW(settings, size, dtype);
            case SGD, SGD_MOMENTUM -> new Sgd(settings, size, dtype);
        };
    }
}
