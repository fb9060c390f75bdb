package org.sedlab.model;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.Task;

/** A run's checkpoints in step order, as measurements read them (a run directory's: sed's CheckpointSeries). */
public interface Checkpoints {
    /** Where the run is: results computed from it name it. */
    Path root();

    Task task();

    int size();

    long step(int index);

    Parameters load(int index, DataType dtype);

    /** Loads checkpoint {@code index} into an existing model of this run's task (its graphs are reused). */
    default void loadInto(int index, GrokTransformer model) {
        model.parameters().flat().assign(load(index, model.parameters().dataType()).flat());
    }
}
