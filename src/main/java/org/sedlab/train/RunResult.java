package org.sedlab.train;

import java.util.OptionalLong;

/** How a run ended: the grok step if the rule was met, the steps trained and the wall time. */
public record RunResult(Status status, OptionalLong grokStep, long stepsCompleted, double wallSeconds) {
    public enum Status { GROKKED, DID_NOT_GROK, MAX_STEPS }
}
