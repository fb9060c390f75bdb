package org.sedlab.report;

/**
 * A mode against its control on the seeds both have trained (-1: did not grok within the cap, NaN: not
 * trained). Where both grokked on every shared seed, the speed-up is the ratio of their means over
 * those seeds. Where only the control failed somewhere, its failures count at the cap and the ratio is
 * a lower bound. Otherwise the outcome says that the mode failed to grok.
 */
public record PairedSpeedUp(Outcome outcome, double value, int seeds, int controlFailures) {
    public enum Outcome { NOT_TRAINED, BOTH_GROKKED, MODE_DID_NOT_GROK, CONTROL_DID_NOT_GROK, NEITHER_GROKKED }

    /** @param cap the step budget: a control that did not grok counts at it */
    public static PairedSpeedUp of(double[] control, double[] mode, int cap) {
        double controlSum = 0;
        double modeSum = 0;
        int seeds = 0;
        int controlFailures = 0;
        boolean modeFailed = false;
        for (int s = 0; s < control.length; s++) {
            if (Double.isNaN(control[s]) || Double.isNaN(mode[s])) continue;
            seeds++;
            if (control[s] < 0) controlFailures++;
            modeFailed |= mode[s] < 0;
            controlSum += control[s] < 0 ? cap : control[s];
            modeSum += mode[s];
        }
        if (seeds == 0) return new PairedSpeedUp(Outcome.NOT_TRAINED, Double.NaN, 0, 0);
        if (modeFailed) return new PairedSpeedUp(controlFailures > 0 ? Outcome.NEITHER_GROKKED : Outcome.MODE_DID_NOT_GROK, Double.NaN, seeds,
                controlFailures);
        return new PairedSpeedUp(controlFailures > 0 ? Outcome.CONTROL_DID_NOT_GROK : Outcome.BOTH_GROKKED, controlSum / modeSum, seeds,
                controlFailures);
    }

    /** Whether the mode is at least {@code factor} times faster (where the control failed somewhere: by the lower bound). */
    public boolean fasterBy(double factor) {
        return (outcome == Outcome.BOTH_GROKKED || outcome == Outcome.CONTROL_DID_NOT_GROK) && value >= factor;
    }

    /** "2.16x (3 seeds)", "at least 2.10x (3 seeds; A did not grok on 1, counted at 8000)", "did not grok within 8000 steps ...". */
    public String describe(int cap) {
        String of = " (" + seeds + (seeds == 1 ? " seed" : " seeds");
        return switch (outcome) {
            case NOT_TRAINED -> "not trained";
            case BOTH_GROKKED -> String.format("%.2fx", value) + of + ")";
            case CONTROL_DID_NOT_GROK -> String.format("at least %.2fx", value) + of + "; A did not grok on " + controlFailures
                    + ", counted at " + cap + ")";
            case MODE_DID_NOT_GROK -> "did not grok within " + cap + " steps while A did" + of + ")";
            case NEITHER_GROKKED -> "did not grok within " + cap + " steps, nor did A on " + controlFailures + of + ")";
        };
    }
}
