package org.sedlab.sed;

/**
 * Which W rows an evaluated checkpoint's rolling SVD uses. FORWARD (the published numbers) takes
 * rows idx .. idx+W-1; TRAILING takes idx-W+1 .. idx. Either start is clamped to [0, nRows - W].
 */
public enum Window {
    FORWARD, TRAILING;

    public int start(int idx, int nRows, int w) {
        if (w < 1) throw new IllegalArgumentException("window W must be >= 1, got " + w);
        if (nRows < 1) {
            throw new IllegalArgumentException("the run has too few checkpoints for a rolling window (update SED needs 2: its rows are "
                    + "differences of consecutive checkpoints); train it longer or analyse another run");
        }
        if (w > nRows) {
            throw new IllegalArgumentException("window W=" + w + " is larger than the " + nRows
                    + " rows available in this run; use --W " + nRows + " or less");
        }
        int raw = this == FORWARD ? idx : idx - w + 1;
        return Math.max(0, Math.min(raw, nRows - w));
    }

    public static Window parse(String name) {
        return switch (name.trim().toLowerCase()) {
            case "forward" -> FORWARD;
            case "trailing" -> TRAILING;
            default -> throw new IllegalArgumentException("window must be forward or trailing, got '" + name + "'");
        };
    }
}
