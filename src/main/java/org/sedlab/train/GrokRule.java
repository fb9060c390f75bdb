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

    /** The step at which the rule is first met, if it is. */
    public OptionalLong grokStep(List<Evaluation> history) {
        if (history.isEmpty()) return OptionalLong.empty();
        int heads = history.get(0).heads();
        int[] count = new int[heads];
        for (Evaluation e : history) {
            if (e.step() == 0) continue;
            boolean all = true;
            for (int h = 0; h < heads; h++) {
                if (e.testAccuracy(h) >= threshold) {
                    count[h]++;
                } else if (consecutive && count[h] < required) {
                    count[h] = 0;
                }
                all &= count[h] >= required;
            }
            if (all) return OptionalLong.of(e.step());
        }
        return OptionalLong.empty();
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
