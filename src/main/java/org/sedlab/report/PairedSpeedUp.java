package org.sedlab.report;

/**
 * A mode against its control on the seeds both have trained (-1: did not grok within the cap, NaN: not
 * trained). Where both grokked on every shared seed, the speed-up is the ratio of their means over
 * those seeds; otherwise the outcome says which of the two failed to grok.
 */
public record PairedSpeedUp(Outcome outcome, double value, int seeds, double modeMean) {
    public enum Outcome { NOT_TRAINED, BOTH_GROKKED, MODE_DID_NOT_GROK, CONTROL_DID_NOT_GROK, NEITHER_GROKKED }

    public static PairedSpeedUp of(double[] control, double[] mode) {
        double controlSum = 0;
        double modeSum = 0;
        int seeds = 0;
        int modeGrokked = 0;
        boolean controlFailed = false;
        boolean modeFailed = false;
        for (int s = 0; s < control.length; s++) {
            if (Double.isNaN(control[s]) || Double.isNaN(mode[s])) continue;
            seeds++;
            controlFailed |= control[s] < 0;
            modeFailed |= mode[s] < 0;
            controlSum += control[s];
            if (mode[s] > 0) {
                modeSum += mode[s];
                modeGrokked++;
            }
        }
        double modeMean = modeGrokked == 0 ? Double.NaN : modeSum / modeGrokked;
        if (seeds == 0) return new PairedSpeedUp(Outcome.NOT_TRAINED, Double.NaN, 0, Double.NaN);
        if (controlFailed && modeFailed) return new PairedSpeedUp(Outcome.NEITHER_GROKKED, Double.NaN, seeds, modeMean);
        if (modeFailed) return new PairedSpeedUp(Outcome.MODE_DID_NOT_GROK, Double.NaN, seeds, modeMean);
        if (controlFailed) return new PairedSpeedUp(Outcome.CONTROL_DID_NOT_GROK, Double.NaN, seeds, modeMean);
        return new PairedSpeedUp(Outcome.BOTH_GROKKED, controlSum / modeSum, seeds, modeMean);
    }

    /**
     * Whether the mode is at least {@code factor} times faster: measured directly, or, when only the
     * control failed, at least cap / (the mode's mean) times.
     */
    public boolean fasterBy(double factor, int cap) {
        return switch (outcome) {
            case BOTH_GROKKED -> value >= factor;
            case CONTROL_DID_NOT_GROK -> cap / modeMean >= factor;
            default -> false;
        };
    }

    /** "2.16x (3 seeds)", "did not grok (A did, 1 seed)", "more than 2.56x: A did not grok (1 seed)". */
    public String describe(int cap) {
        String of = " (" + seeds + (seeds == 1 ? " seed)" : " seeds)");
        return switch (outcome) {
            case NOT_TRAINED -> "not trained";
            case BOTH_GROKKED -> String.format("%.2fx", value) + of;
            case MODE_DID_NOT_GROK -> "did not grok within " + cap + " steps while A did" + of;
            case CONTROL_DID_NOT_GROK -> String.format("more than %.2fx: grokked at %.0f while A did not within %d", cap / modeMean, modeMean, cap) + of;
            case NEITHER_GROKKED -> "neither it nor A grokked within " + cap + " steps" + of;
        };
    }
}
