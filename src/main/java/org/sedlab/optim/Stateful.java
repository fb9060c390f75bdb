package org.sedlab.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A part of training whose state a resumed run needs to continue bit for bit. Each part names its own
 * entries, so a checkpoint saves the union of the parts' states and a resume hands all of it to every part.
 */
public interface Stateful {
    /** The part's state under its own keys; arrays may be live, so save them before the next step. */
    Map<String, INDArray> state();

    /** Restores what {@link #state()} saved, from a map that may hold other parts' entries too. */
    void restore(Map<String, INDArray> state);
}
