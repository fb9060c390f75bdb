package org.sedlab.sed;

/**
 * Rolling-window SED: the top right singular vectors of W consecutive rows of a row source (AdamW
 * updates for update SED, fixed-batch gradients for gradient SED). Row i belongs to checkpoint i.
 */
public final class WindowedSvdEstimator implements SedEstimator {
    private final String name;
    private final RowSource rows;
    private final int w;
    private final Window window;

    public WindowedSvdEstimator(String name, RowSource rows, int w, Window window) {
        window.start(0, rows.size(), w);
        this.name = name;
        this.rows = rows;
        this.w = w;
        this.window = window;
    }

    @Override public String name() { return name; }

    @Override public int window() { return w; }

    @Override
    public SedBasis basis(int index, int k) {
        if (k > w) throw new IllegalArgumentException("k=" + k + " exceeds the window W=" + w + ": a window of W rows has at most W directions");
        int start = window.start(index, rows.size(), w);
        return RollingSvd.topK(rows.rows(start, w), k);
    }
}
