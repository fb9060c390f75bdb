package org.sedlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sedlab.data.ModOp;
import org.sedlab.intervention.Intervention;
import org.sedlab.linalg.Blas;
import org.sedlab.model.Architecture;
import org.sedlab.model.ParameterLayout;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunDirectory;
import org.sedlab.train.RunOptions;
import org.sedlab.train.RunResult;
import org.sedlab.train.Trainer;
import org.sedlab.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, modelTransformer = TrainCommand.WithRunOptions.class,
        description = {"Train one run (the paper's settings unless overridden) into a run directory.",
                "Re-running the same command resumes an interrupted run; a finished run is reported, not retrained."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", description = "run directory (default runs/<op>-<seed>)")
    Path out;
    @Option(names = "--save-optimizer-state", description = "also keep the optimizer's state (AdamW's moments) at every checkpoint, in <out>/optimizer/ "
            + "(about twice the checkpoints' size); for studies of the optimizer's stages. Not part of the run's configuration")
    boolean saveOptimizerState;

    /** The run's options are those of {@link RunOptions}, the one mapping between flags and a run's configuration. */
    static final class WithRunOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (RunOptions.Flag f : RunOptions.FLAGS) {
                OptionSpec.Builder option = OptionSpec.builder(f.name()).description(f.description()).required(f.required());
                if (f.isSwitch()) option.type(boolean.class).arity("0");
                else option.type(String.class).paramLabel(f.label());
                spec.addOption(option.build());
            }
            return spec;
        }
    }

    /** The run options given on the command line, as flag → value. */
    private Map<String, String> givenRunOptions() {
        Map<String, String> given = new LinkedHashMap<>();
        for (RunOptions.Flag f : RunOptions.FLAGS) {
            OptionSpec option = spec.findOption(f.name());
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) given.put(f.name(), String.valueOf((Object) option.getValue()));
        }
        return given;
    }

    @Override
    public Integer call() {
        RunConfig config = RunOptions.config(givenRunOptions());
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
