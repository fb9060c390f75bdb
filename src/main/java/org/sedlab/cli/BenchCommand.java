package org.sedlab.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.optim.AdamW;
import org.sedlab.optim.AdamWSettings;
import org.sedlab.optim.GradientHook;
import org.sedlab.optim.Optimizer;
import org.sedlab.optim.UpdateHook;
import org.sedlab.provenance.RandomStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time a training step (batch 512, clip + AdamW included) and 1024 centroids; prints medians.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--repeats", defaultValue = "30", description = "timed repetitions per figure (default ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--warmup", defaultValue = "10", description = "untimed repetitions first (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        Task task = Task.single(ModOp.ADD, 97);
        GrokTransformer model = GrokTransformer.initialised(task, 42, DataType.FLOAT);
        RandomStreams streams = new RandomStreams(42);
        Pairs domain = task.domain();
        Batch batch = Batch.of(task, domain.sample(512, streams.stream("bench-batch")));
        Batch probes = Batch.of(task, domain.sample(1024, streams.stream("bench-probes")));
        INDArray grad = Nd4j.zeros(DataType.FLOAT, model.parameters().layout().size());
        Optimizer optimizer = new Optimizer(new AdamW(AdamWSettings.PAPER, grad.length(), DataType.FLOAT), 1.0,
                GradientHook.NONE, UpdateHook.NONE);
        long[] step = {0};
        report("train_step_b512", () -> {
            model.lossAndGradient(batch, Objective.crossEntropy(), grad);
            optimizer.step(++step[0], model.parameters(), grad);
        });
        report("centroids_1024", () -> model.centroids(probes.pairs(), probes.labels()[0], 0));
        return 0;
    }

    private void report(String name, Runnable work) {
        for (int i = 0; i < warmup; i++) work.run();
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%s median_ms=%.2f p10_ms=%.2f p90_ms=%.2f n=%d%n", name, ms[repeats / 2],
                ms[repeats / 10], ms[repeats * 9 / 10], repeats);
    }
}
