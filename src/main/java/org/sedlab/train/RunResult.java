package org.sedlab.train;

import java.util.OptionalLong;

/**
 * How a run ended: the grok step if the rule was met (for a multitask run, when the last head met
 * it), each head's own grok step (-1: not grokked), the steps trained and the wall time.
 */
public record RunResult(Status status, OptionalLong grokStep, long[] headGrokSteps, long stepsCompleted, double wallSeconds,
                        long projectedSteps) {
    public enum Status { GROKKED, DID_NOT_GROK, MAX_STEPS }
}
