package org.sedlab.report;

/**
 * One claim of the paper as data: what the paper states and its number, ours with its interval, the
 * statistic that decides it, the verdict and one sentence that says why.
 *
 * @param id        stable name, e.g. "s5.rank-not-direction"
 * @param section   the paper's section, e.g. "5"
 * @param statement the paper's claim in a few words
 * @param paper     the paper's number, as it states it ("" if it gives none)
 * @param ours      our estimate with its interval and n
 * @param statistic how ours was computed (e.g. "paired by seed: sign test and t interval of E - C grok steps")
 */
public record Claim(String id, String section, String statement, String paper, String ours, String statistic, Verdict verdict, String sentence) {
    public Claim {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a claim needs an id");
        if (verdict == null) throw new IllegalArgumentException("claim " + id + " needs a verdict");
    }

    /** A claim whose results are not in data/ yet: the sentence says what to compute. */
    public static Claim notComputed(String id, String section, String statement, String paper, String sentence) {
        return new Claim(id, section, statement, paper, "", "", Verdict.NOT_COMPUTED, sentence);
    }
}
