package org.sedlab.report;

/** What a claim's statistic says about it. */
public enum Verdict {
    /** The effect the paper states is there, beyond the statistic's uncertainty. */
    REPRODUCES("reproduces"),
    /** The opposite, or no effect, beyond the statistic's uncertainty. */
    DOES_NOT_REPRODUCE("does not reproduce"),
    /** The interval still holds both answers at this number of seeds. */
    UNDECIDED("undecided at this n"),
    /** The paper's value lies inside the range the statistic takes over draws that should not matter. */
    UNSTABLE("unstable"),
    /** The results it needs are not in data/ yet. */
    NOT_COMPUTED("not computed yet");

    private final String words;

    Verdict(String words) { this.words = words; }

    public String words() { return words; }

    /** The verdict on a claim made of parts: reproduces if every part does, does not if any does not, else undecided. */
    public static Verdict ofAll(Verdict... parts) {
        boolean all = true;
        for (Verdict v : parts) {
            if (v == DOES_NOT_REPRODUCE) return DOES_NOT_REPRODUCE;
            all &= v == REPRODUCES;
        }
        return all ? REPRODUCES : UNDECIDED;
    }

    /** The enum's name as a reviewable file writes it ("REPRODUCES"); unknown names list the known ones. */
    public static Verdict parse(String name) {
        for (Verdict v : values()) if (v.name().equals(name.trim())) return v;
        throw new IllegalArgumentException("unknown verdict '" + name + "': choose one of " + java.util.Arrays.toString(values()));
    }
}
