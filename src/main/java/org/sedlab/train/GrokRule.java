package org.sedlab.train;

import java.util.List;
import java.util.OptionalLong;

/**
 * When a run has grokked: every head has had {@code required} evaluations with test accuracy >=
 * {@code threshold}, counted cumulatively (the paper's single-task rule: 20 evaluations at 0.98,
 * never reset) or consecutively (the multitask default: 3 in a row). The step-0 evaluation never counts.
 */
public record GrokRule(double threshold, int required, boolean consecutive) {
    public static final GrokRule SINGLE_TASK = new GrokRule(0.98, 20, false);
    public static final GrokRule MULTITASK = new GrokRule(0.98, 3, true);

    public GrokRule {
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("grok threshold must lie in (0, 1], got " + threshold);
        if (required < 1) throw new IllegalArgumentException("grok rule needs at least 1 evaluation, got " + required);
    }

    /** The step at which the rule is first met for every head: the last head's own grok step. */
    public OptionalLong grokStep(List<Evaluation> history) {
        long[] perHead = headGrokSteps(history);
        if (perHead.length == 0) return OptionalLong.empty();
        long last = 0;
        for (long step : perHead) {
            if (step < 0) return OptionalLong.empty();
            last = Math.max(last, step);
        }
        return OptionalLong.of(last);
    }

    /**
     * Each head's grok step, -1 where the head has not met the rule: the step of its
     * {@code required}-th counted evaluation. Once met, a head stays grokked (a consecutive count is latched).
     */
    public long[] headGrokSteps(List<Evaluation> history) {
        if (history.isEmpty()) return new long[0];
        int heads = history.get(0).heads();
        int[] count = new int[heads];
        long[] grokked = new long[heads];
        java.util.Arrays.fill(grokked, -1);
        for (Evaluation e : history) {
            if (e.step() == 0) continue;
            for (int h = 0; h < heads; h++) {
                if (grokked[h] >= 0) continue;
                if (e.testAccuracy(h) >= threshold) {
                    if (++count[h] == required) grokked[h] = e.step();
                } else if (consecutive) {
                    count[h] = 0;
                }
            }
        }
        return grokked;
    }

    /** The first evaluated step whose test accuracy on every head reaches {@code level} (0.5 aligns runs in plots). */
    public static OptionalLong firstStepAtOrAbove(List<Evaluation> history, double level) {
        for (Evaluation e : history) {
            boolean all = true;
            for (int h = 0; h < e.heads(); h++) all &= e.testAccuracy(h) >= level;
            if (all && e.step() > 0) return OptionalLong.of(e.step());
        }
        return OptionalLong.empty();
    }
}
