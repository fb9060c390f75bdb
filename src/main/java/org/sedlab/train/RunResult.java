package org.sedlab.train;

import java.util.OptionalLong;

/**
 * How a run ended: the grok step if the rule was met (for a multitask run, when the last head met
 * it), each head's own grok step (-1: not grokked), the steps trained, the wall time, the step
 * whose loss was not finite if the run diverged, and the steps an intervention projected (0 without one).
 */
public record RunResult(Status status, OptionalLong grokStep, long[] headGrokSteps, long stepsCompleted, double wallSeconds,
                        OptionalLong divergedAt, long projectedSteps) {
    /** DIVERGED: training stopped at the first non-finite loss, its last checkpoint the last finite one. */
    /** The run.json field holding the first evaluated step with test accuracy >= 0.5 (plots align runs on it). */
    public static final String FIRST_STEP_AT_HALF = "first_step_test_acc_0.5";

    public enum Status { GROKKED, DID_NOT_GROK, MAX_STEPS, DIVERGED }
}
