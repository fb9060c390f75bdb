package org.sedlab.sed;

import java.nio.file.Path;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * theta_attn at every checkpoint as one (n, P) matrix, cached in the run's cache/ folder under the
 * checkpoints' content digest; its
 * consecutive differences are the update-SED rows.
 */
public final class AttentionTrajectory {
    private final INDArray matrix;

    private AttentionTrajectory(INDArray matrix) { this.matrix = matrix; }

    public static AttentionTrajectory load(CheckpointSeries series, Path cacheDir, Progress progress) {
        AnalysisCache cache = new AnalysisCache(cacheDir, "attention", "checkpoints=" + series.contentDigest());
        Optional<INDArray> cached = cache.read();
        if (cached.isPresent()) return new AttentionTrajectory(cached.get());
        INDArray m = null;
        for (int i = 0; i < series.size(); i++) {
            INDArray attention = series.load(i, DataType.FLOAT).attention();
            if (m == null) m = Nd4j.create(DataType.FLOAT, series.size(), attention.length());
            m.putRow(i, attention);
            progress.tick("reading checkpoints", i + 1, series.size());
        }
        cache.write(m);
        return new AttentionTrajectory(m);
    }

    public INDArray matrix() { return matrix; }

    /** Rows d_i = theta_attn(i+1) - theta_attn(i), i = 0 .. n-2. */
    public RowSource updates() {
        return new RowSource() {
            @Override public int size() { return (int) matrix.rows() - 1; }

            @Override public INDArray rows(int from, int count) {
                return matrix.get(NDArrayIndex.interval(from + 1, from + 1 + count), NDArrayIndex.all())
                        .sub(matrix.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all()));
            }
        };
    }
}
