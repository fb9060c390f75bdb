package org.sedlab.train;

import java.util.Collections;
import java.util.List;
import org.sedlab.data.Split;
import org.sedlab.model.GrokTransformer;
import org.sedlab.optim.Optimizer;

/**
 * What listeners may look at during a run. The history is read-only; {@code optimizer} holds AdamW
 * and the run's intervention at work, if any.
 */
public record TrainingContext(RunConfig config, RunDirectory directory, GrokTransformer model, Optimizer optimizer,
                              Split split, List<Evaluation> history) {
    public TrainingContext {
        history = Collections.unmodifiableList(history);
    }
}
