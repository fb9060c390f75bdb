package org.sedlab.cli;

import org.sedlab.linalg.LanczosSettings;
import org.sedlab.sed.FisherSettings;
import picocli.CommandLine.Option;

/** The fisher-lanczos options of analyze and per-example (defaults: {@link FisherSettings#defaults()}). */
final class FisherOptions {
    private static final FisherSettings DEFAULTS = FisherSettings.defaults().build();

    @Option(names = "--uncentred", description = "fisher-lanczos on the uncentred empirical Fisher instead of the per-example gradients' covariance")
    boolean uncentred;
    @Option(names = "--max-products", description = "fisher-lanczos: at most this many covariance-vector products per basis (default 100)")
    Integer maxProducts;
    @Option(names = "--ritz-tolerance", description = "fisher-lanczos: stop once every Ritz residual is at most this fraction of the top eigenvalue (default 1e-3)")
    Double tolerance;

    /** Refuses these options where fisher-lanczos does not run, rather than ignoring them. */
    void requireFisherLanczos(boolean runs, String otherwise) {
        if (runs || !(uncentred || maxProducts != null || tolerance != null)) return;
        throw new IllegalArgumentException("--uncentred, --max-products and --ritz-tolerance set up fisher-lanczos, which " + otherwise
                + " does not run: add it or drop them");
    }

    /** The settings, Lanczos's start vector drawn from {@code seed}; bad values fail here, before any work. */
    FisherSettings settings(long seed) {
        LanczosSettings lanczos = DEFAULTS.lanczos().toBuilder()
                .maxIterations(maxProducts != null ? maxProducts : DEFAULTS.lanczos().maxIterations())
                .tolerance(tolerance != null ? tolerance : DEFAULTS.lanczos().tolerance()).seed(seed).build();
        return DEFAULTS.toBuilder().centred(!uncentred).lanczos(lanczos).build();
    }
}
