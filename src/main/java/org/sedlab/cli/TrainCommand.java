package org.sedlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sedlab.data.ModOp;
import org.sedlab.intervention.Intervention;
import org.sedlab.linalg.Blas;
import org.sedlab.model.Architecture;
import org.sedlab.model.ParameterLayout;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunDirectory;
import org.sedlab.train.RunResult;
import org.sedlab.train.Trainer;
import org.sedlab.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train one run (the paper's settings unless overridden) into a run directory.",
                "Re-running the same command resumes an interrupted run; a finished run is reported, not retrained."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--op", required = true, description = "add, sub, mul, sq, or multitask")
    String op;
    @Option(names = "--seed", defaultValue = "42", description = "run seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--p", defaultValue = "97", description = "prime modulus (default ${DEFAULT-VALUE})")
    int p;
    @Option(names = "--out", description = "run directory (default runs/<op>-<seed>)")
    Path out;
    @Option(names = "--max-steps", description = "cap on training steps (default 8000; multitask 300000)")
    Integer maxSteps;
    @Option(names = "--lr", description = "learning rate (default 1e-3)")
    Double lr;
    @Option(names = "--weight-decay", description = "decoupled weight decay (default 1.0)")
    Double weightDecay;
    @Option(names = "--batch", description = "batch size (default 512)")
    Integer batch;
    @Option(names = "--eval-every", description = "steps between evaluations on the full splits (default 25; multitask 100)")
    Integer evalEvery;
    @Option(names = "--checkpoint-every", description = "steps between checkpoints, a multiple of --eval-every (default 25; multitask 200)")
    Integer checkpointEvery;
    @Option(names = "--intervention", description = "rank-k projection of every step (paper, Section 5): A control, "
            + "B remove SED, C keep only SED, D remove random, E keep only random")
    String intervention;
    @Option(names = "--projection", description = "with --intervention: gradient (project the clipped gradient before AdamW) "
            + "or update (project AdamW's attention update)")
    String projection;
    @Option(names = "--rank", description = "with --intervention: rank of the projector (default 3)")
    Integer rank;
    @Option(names = "--window", description = "with --intervention: modified vectors in the SED buffer (default 20)")
    Integer window;
    @Option(names = "--no-stop-at-grok", description = "keep training after the grok step, up to --max-steps")
    boolean noStop;
    @Option(names = "--precision", defaultValue = "float32", description = "float32 or float64 (default ${DEFAULT-VALUE})")
    String precision;
    @Option(names = "--save-optimizer-state", description = "also keep the optimizer's state (AdamW's moments) at every checkpoint, in <out>/optimizer/ "
            + "(about twice the checkpoints' size); for studies of the optimizer's stages. Not part of the run's configuration")
    boolean saveOptimizerState;

    @Override
    public Integer call() {
        RunConfig.Builder b = RunConfig.forTask(op);
        b.seed(seed).p(p).precision(precision).stopAtGrok(!noStop);
        if (maxSteps != null) b.maxSteps(maxSteps);
        if (lr != null) b.learningRate(lr);
        if (weightDecay != null) b.weightDecay(weightDecay);
        if (batch != null) b.batchSize(batch);
        if (evalEvery != null) b.evalEvery(evalEvery);
        if (checkpointEvery != null) b.checkpointEvery(checkpointEvery);
        if (intervention != null) {
            if (projection == null) throw new IllegalArgumentException("--intervention needs --projection gradient or --projection update");
            b.intervention(new Intervention(Intervention.Mode.parse(intervention), Intervention.Flavour.parse(projection),
                    rank != null ? rank : Intervention.PAPER_RANK, window != null ? window : Intervention.PAPER_WINDOW));
        } else if (projection != null || rank != null || window != null) {
            throw new IllegalArgumentException("--projection, --rank and --window apply to an --intervention (A-E); add one or drop them");
        }
        RunConfig config = b.build();
        if (config.intervention() != null) {
            long floats = (long) config.intervention().window() * ParameterLayout.of(Architecture.forTask(config.toTask())).attentionSize();
            Blas.requireRoom(floats, "the intervention's buffer of --window " + config.intervention().window() + " attention vectors",
                    "lower --window (the paper's is " + Intervention.PAPER_WINDOW + ")");
        }
        Path dir = OutputPaths.directory(out != null ? out : Path.of("runs", config.name()), "--out");
        List<TrainingListener> listeners = new ArrayList<>(TrainingListener.Defaults.console(System.out));
        if (saveOptimizerState) listeners.add(TrainingListener.Defaults.optimizerStates());
        RunResult result = new Trainer(config, listeners).train(new RunDirectory(dir));
        if (result.status() == RunResult.Status.DIVERGED) {
            throw new IllegalStateException("diverged at step " + result.divergedAt().getAsLong() + ": the loss is not finite; "
                    + dir + " keeps the checkpoints before it. Train with a smaller --lr (this run: "
                    + config.adamW().learningRate() + ") into another --out");
        }
        StringBuilder perOp = new StringBuilder();
        List<ModOp> ops = config.toTask().ops();
        for (int h = 0; ops.size() > 1 && h < ops.size(); h++) {
            long s = result.headGrokSteps()[h];
            perOp.append(' ').append(ops.get(h).id()).append("_grok_step=").append(s >= 0 ? String.valueOf(s) : "none");
        }
        if (config.intervention() != null) perOp.append(" projected_steps=").append(result.projectedSteps());
        System.out.printf("status=%s grok_step=%s%s steps=%d wall_s=%.1f dir=%s%n",
                result.status().name().toLowerCase(),
                result.grokStep().isPresent() ? String.valueOf(result.grokStep().getAsLong()) : "none",
                perOp, result.stepsCompleted(), result.wallSeconds(), dir);
        return 0;
    }
}
