package org.sedlab.sed;

import org.sedlab.linalg.LanczosSettings;

/**
 * How the fisher-lanczos estimator runs, immutable; {@link #defaults()}: the centred covariance (the
 * per-example directions of Table 3), the model fed 512 examples at a time, the difference step of
 * {@link GradientCovariance#DEFAULT_STEP}, and Lanczos to a Ritz residual of 1e-3 of the top
 * eigenvalue within 100 products.
 *
 * @param centred      the covariance of the per-example gradients (true) or the uncentred empirical Fisher
 * @param chunk        examples per pass through the model: what bounds the memory, whatever the batch
 * @param relativeStep the logits' difference step as a fraction of ||theta_attn||
 */
public record FisherSettings(boolean centred, int chunk, double relativeStep, LanczosSettings lanczos) {
    public FisherSettings {
        if (chunk < 1) throw new IllegalArgumentException("the Fisher chunk must be positive, got " + chunk);
        if (!(relativeStep > 0)) throw new IllegalArgumentException("the difference step must be positive, got " + relativeStep);
    }

    public static Builder defaults() { return new Builder(); }

    public Builder toBuilder() {
        return new Builder().centred(centred).chunk(chunk).relativeStep(relativeStep).lanczos(lanczos);
    }

    public static final class Builder {
        private boolean centred = true;
        private int chunk = 512;
        private double relativeStep = GradientCovariance.DEFAULT_STEP;
        private LanczosSettings lanczos = LanczosSettings.defaults().tolerance(1e-3).maxIterations(100).build();

        public Builder centred(boolean centred) { this.centred = centred; return this; }
        public Builder chunk(int chunk) { this.chunk = chunk; return this; }
        public Builder relativeStep(double step) { this.relativeStep = step; return this; }
        public Builder lanczos(LanczosSettings lanczos) { this.lanczos = lanczos; return this; }

        public FisherSettings build() { return new FisherSettings(centred, chunk, relativeStep, lanczos); }
    }
}
