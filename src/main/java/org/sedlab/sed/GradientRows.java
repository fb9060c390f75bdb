package org.sedlab.sed;

import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.model.Parameters;
import org.sedlab.data.RandomStreams;

/**
 * Gradient-SED rows: at every checkpoint, the attention slice of the gradient of a loss (one op's
 * mean cross-entropy, or the multitask total) on a fixed batch drawn once with replacement from the
 * whole pair domain (an op's loss: that op's domain, as its probes; the total: the model's training
 * domain); no clipping, no decay. Cached per (loss, domain, batch size, batch seed, engine, checkpoints'
 * content) in the run's cache folder, so a second analysis with other W, k or eps reuses them.
 */
public final class GradientRows implements RowSource {
    private final INDArray matrix;

    private GradientRows(INDArray matrix) { this.matrix = matrix; }

    /** The loss of the whole multitask model, summed over its heads. */
    public static final String TOTAL = "total";

    /**
     * The rows of the analysis's run for one loss, from its cache or computed now.
     *
     * @param loss {@value #TOTAL} (sum over heads) or an op's id (that op's head)
     */
    public static GradientRows load(EstimatorInputs in, String loss) {
        CheckpointSeries series = in.series();
        GrokTransformer model = in.model();
        int batchSize = in.settings().gradientBatch();
        long seed = in.settings().batchSeed();
        Task task = series.task();
        Objective objective = TOTAL.equals(loss) ? Objective.crossEntropy() : Objective.crossEntropy(task.head(ModOp.parse(loss)));
        Pairs domain = domain(task, loss);
        AnalysisCache cache = new AnalysisCache(in.cacheDir(), "gradients-" + loss, "loss=" + loss + ";domain_from=" + domain.a(0)
                + ";batch=" + batchSize + ";seed=" + seed + ";engine=" + model.engine().id()
                + ";checkpoints=" + series.contentDigest());
        Optional<INDArray> cached = cache.read();
        if (cached.isPresent()) return new GradientRows(cached.get());
        Batch batch = fixedBatch(task, loss, batchSize, seed);
        Progress progress = in.progress();
        Parameters params = model.parameters();
        INDArray grad = Nd4j.zeros(params.dataType(), params.layout().size());
        INDArray matrix = Nd4j.create(DataType.FLOAT, series.size(), params.layout().attentionSize());
        for (int i = 0; i < series.size(); i++) {
            series.loadInto(i, model);
            model.lossAndGradient(batch, objective, grad);
            matrix.putRow(i, new Parameters(params.layout(), grad).attention());
            progress.tick("gradients (" + loss + " loss)", i + 1, series.size());
        }
        cache.write(matrix);
        return new GradientRows(matrix);
    }

    /**
     * The fixed batch the rows are gradients on: drawn once with replacement from the loss's domain (an
     * op's: that op's pairs, as its probes; the total: the model's training domain).
     */
    public static Batch fixedBatch(Task task, String loss, int batchSize, long seed) {
        return Batch.of(task, domain(task, loss).sample(batchSize, new RandomStreams(seed).stream("gradient-batch-" + loss)));
    }

    private static Pairs domain(Task task, String loss) {
        return TOTAL.equals(loss) ? task.domain() : Pairs.domain(task.p(), ModOp.parse(loss).lowestOperand());
    }

    @Override public int size() { return (int) matrix.rows(); }

    @Override public INDArray rows(int from, int count) {
        return matrix.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
    }

    /** The gradient at one checkpoint. */
    public INDArray row(int i) { return matrix.getRow(i); }
}
