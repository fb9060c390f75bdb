package org.sedlab.sed;

import java.nio.file.Path;
import java.util.List;
import org.sedlab.model.GrokTransformer;

/**
 * What an estimator is built from: the run, a model to load its checkpoints into, the analysis
 * settings, the run's cache folder and the progress reporter.
 */
public record EstimatorInputs(CheckpointSeries series, GrokTransformer model, AnalysisSettings settings, Path cacheDir, Progress progress) {
    /** A windowed estimator over these rows at every window size of the settings. */
    public List<SedEstimator> windowed(String name, RowSource rows) {
        return settings.windows().stream().<SedEstimator>map(w -> new WindowedSvdEstimator(name, rows, w, settings.window())).toList();
    }
}
