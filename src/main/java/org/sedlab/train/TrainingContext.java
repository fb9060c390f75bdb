package org.sedlab.train;

import java.util.Collections;
import java.util.List;
import org.sedlab.data.Split;
import org.sedlab.model.GrokTransformer;
import org.sedlab.optim.AdamW;

/** What listeners may look at during a run. The history is read-only. */
public record TrainingContext(RunConfig config, RunDirectory directory, GrokTransformer model, AdamW adamW,
                              Split split, List<Evaluation> history) {
    public TrainingContext {
        history = Collections.unmodifiableList(history);
    }
}
