package org.sedlab.train;

import java.util.Collections;
import java.util.List;
import org.sedlab.data.Split;
import org.sedlab.model.GrokTransformer;
import org.sedlab.intervention.RankProjection;
import org.sedlab.optim.AdamW;

/**
 * What listeners may look at during a run. The history is read-only; {@code projection} is the
 * run's intervention at work, or null for a run without one.
 */
public record TrainingContext(RunConfig config, RunDirectory directory, GrokTransformer model, AdamW adamW,
                              RankProjection projection, Split split, List<Evaluation> history) {
    public TrainingContext {
        history = Collections.unmodifiableList(history);
    }
}
