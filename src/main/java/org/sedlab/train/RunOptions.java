package org.sedlab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.sedlab.intervention.Intervention;
import org.sedlab.model.WeightGroup;
import org.sedlab.optim.UpdateRule;

/**
 * The one mapping between a {@link RunConfig} and the flags of {@code sedlab train}: the command
 * reads its options from {@link #FLAGS}, a sweep writes a unit's command with {@link #arguments},
 * and a configuration survives the trip configuration → arguments → configuration. A new knob is a
 * component of {@link RunConfig} and one entry here.
 */
public final class RunOptions {

    /**
     * One flag of {@code train}.
     *
     * @param label  the value's placeholder in the help, or null for a switch (present means true)
     * @param value  the flag's value for a configuration, or null when the command need not say it
     *               (the paper's setting for that task)
     * @param setter applies a given value
     */
    public record Flag(String name, String label, String description, boolean required,
                       Function<RunConfig, Object> value, BiConsumer<Draft, String> setter) {
        public boolean isSwitch() { return label == null; }
    }

    /** The flags in the order a command writes them. */
    public static final List<Flag> FLAGS = List.of(
            new Flag("--op", "<op>", "add, sub, mul, sq, or multitask", true, RunConfig::task, (d, v) -> d.task = v),
            new Flag("--seed", "<seed>", "run seed (default 42)", false, RunConfig::seed,
                    (d, v) -> d.builder().seed(number(v, "--seed", Long::parseLong))),
            new Flag("--intervention", "<mode>", "rank-k projection of every step (paper, Section 5): A control, "
                    + "B remove SED, C keep only SED, D remove random, E keep only random", false,
                    c -> c.intervention() == null ? null : c.intervention().mode().name(), (d, v) -> d.mode = v),
            new Flag("--projection", "<where>", "with --intervention: gradient (project the clipped gradient before AdamW) "
                    + "or update (project AdamW's attention update)", false,
                    c -> c.intervention() == null ? null : c.intervention().flavour().name().toLowerCase(Locale.ROOT), (d, v) -> d.projection = v),
            new Flag("--rank", "<k>", "with --intervention: rank of the projector (default " + Intervention.PAPER_RANK + ")", false,
                    c -> c.intervention() == null || c.intervention().rank() == Intervention.PAPER_RANK ? null : c.intervention().rank(),
                    (d, v) -> d.rank = number(v, "--rank", Integer::parseInt)),
            new Flag("--window", "<vectors>", "with --intervention: modified vectors in the SED buffer (default " + Intervention.PAPER_WINDOW + ")", false,
                    c -> c.intervention() == null || c.intervention().window() == Intervention.PAPER_WINDOW ? null : c.intervention().window(),
                    (d, v) -> d.window = number(v, "--window", Integer::parseInt)),
            new Flag("--sed-basis", "<vectors>", "with --intervention B or C: the SED buffer holds the modified vectors (modified, the paper's) "
                    + "or the vectors before the projection (natural)", false,
                    c -> c.intervention() == null || !c.intervention().naturalBasis() ? null : Intervention.Basis.NATURAL.word(),
                    (d, v) -> d.basis = v),
            new Flag("--weights", "<group>", "with --intervention: the weights projected: attention (the paper's), mlp or all", false,
                    c -> c.intervention() == null || c.intervention().target() == null ? null : c.intervention().target().word(),
                    (d, v) -> d.weights = v),
            new Flag("--after-memorisation", null, "with --intervention: project only once an evaluation finds train accuracy >= "
                    + Intervention.MEMORISED + " (the run has memorised its training set)", false,
                    c -> c.intervention() != null && c.intervention().afterMemorisation() ? true : null, (d, v) -> d.afterMemorisation = true),
            setting("--optimizer", "<rule>", "adamw (the paper's), adam-l2 (Adam, decay as an L2 penalty), sgd, or sgd-momentum (beta1 0.9); "
                    + "the learning rate and decay as given", c -> c.adamW().updateRule().word(),
                    (d, v) -> d.builder().updateRule(UpdateRule.parse(v))),
            setting("--weight-decay", "<wd>", "decoupled weight decay (default 1.0)", c -> c.adamW().weightDecay(),
                    (d, v) -> d.builder().weightDecay(number(v, "--weight-decay", Double::parseDouble))),
            setting("--lr", "<lr>", "learning rate (default 1e-3)", c -> c.adamW().learningRate(),
                    (d, v) -> d.builder().learningRate(number(v, "--lr", Double::parseDouble))),
            setting("--p", "<p>", "prime modulus (default 97)", RunConfig::p,
                    (d, v) -> d.builder().p(number(v, "--p", Integer::parseInt))),
            setting("--max-steps", "<steps>", "cap on training steps (default 8000; multitask 300000)", RunConfig::maxSteps,
                    (d, v) -> d.builder().maxSteps(number(v, "--max-steps", Integer::parseInt))),
            setting("--batch", "<pairs>", "batch size (default 512)", RunConfig::batchSize,
                    (d, v) -> d.builder().batchSize(number(v, "--batch", Integer::parseInt))),
            setting("--eval-every", "<steps>", "steps between evaluations on the full splits (default 25; multitask 100)", RunConfig::evalEvery,
                    (d, v) -> d.builder().evalEvery(number(v, "--eval-every", Integer::parseInt))),
            setting("--checkpoint-every", "<steps>", "steps between checkpoints, a multiple of --eval-every (default 25; multitask 200)",
                    RunConfig::checkpointEvery, (d, v) -> d.builder().checkpointEvery(number(v, "--checkpoint-every", Integer::parseInt))),
            setting("--no-stop-at-grok", null, "keep training after the grok step, up to --max-steps", c -> !c.stopAtGrok(),
                    (d, v) -> d.builder().stopAtGrok(false)),
            setting("--precision", "<type>", "float32 or float64 (default float32)", RunConfig::precision,
                    (d, v) -> d.builder().precision(v)));

    private static final Map<String, Flag> BY_NAME = new LinkedHashMap<>();
    static {
        for (Flag f : FLAGS) BY_NAME.put(f.name(), f);
    }

    private RunOptions() {}

    /**
     * The arguments that rebuild {@code config}: task and seed, then every setting that is not the paper's,
     * in {@link #FLAGS} order. A configuration they would not rebuild is refused.
     */
    public static List<String> arguments(RunConfig config) {
        List<String> args = new ArrayList<>();
        for (Flag f : FLAGS) {
            Object value = f.value().apply(config);
            if (value == null) continue;
            args.add(f.name());
            if (!f.isSwitch()) args.add(String.valueOf(value));
        }
        if (!config(args).equals(config)) {
            throw new IllegalArgumentException("run " + config.name() + " has a setting train has no flag for (clip norm, train fraction, "
                    + "AdamW's betas or eps, or the grok rule); give it a flag in RunOptions before running it from a command");
        }
        return args;
    }

    /** The configuration that flags given as name → value describe (a switch's value is ignored); absent flags are the paper's. */
    public static RunConfig config(Map<String, String> given) {
        for (String name : given.keySet()) flag(name);
        Draft draft = new Draft();
        Flag op = FLAGS.get(0);
        if (!given.containsKey(op.name())) throw new IllegalArgumentException("a run needs " + op.name() + " (" + op.description() + ")");
        op.setter().accept(draft, given.get(op.name()));
        for (Flag f : FLAGS.subList(1, FLAGS.size())) {
            if (given.containsKey(f.name())) f.setter().accept(draft, given.get(f.name()));
        }
        return draft.build();
    }

    /** The configuration a list of train's flags describes, as {@link #arguments} writes them. */
    public static RunConfig config(List<String> arguments) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String name = arguments.get(i);
            if (flag(name).isSwitch()) {
                given.put(name, "true");
            } else {
                if (i + 1 >= arguments.size()) throw new IllegalArgumentException(name + " needs a value");
                given.put(name, arguments.get(++i));
            }
        }
        return config(given);
    }

    private static Flag flag(String name) {
        Flag f = BY_NAME.get(name);
        if (f == null) throw new IllegalArgumentException("train has no option " + name + "; its options: " + String.join(", ", BY_NAME.keySet()));
        return f;
    }

    /** A flag that is written only when the configuration's value differs from the paper's for its task. */
    private static Flag setting(String name, String label, String description, Function<RunConfig, Object> get, BiConsumer<Draft, String> setter) {
        return new Flag(name, label, description, false, c -> {
            Object value = get.apply(c);
            return value.equals(get.apply(RunConfig.forTask(c.task()).build())) ? null : value;
        }, setter);
    }

    private static <T> T number(String value, String flag, Function<String, T> parse) {
        try {
            return parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number, got '" + value + "'");
        }
    }

    /** Values being gathered: the task picks the paper's settings the others change; the intervention's parts are joined at the end. */
    public static final class Draft {
        private String task;
        private RunConfig.Builder builder;
        private String mode;
        private String projection;
        private Integer rank;
        private Integer window;
        private String basis;
        private String weights;
        private boolean afterMemorisation;

        private Draft() {}

        private RunConfig.Builder builder() {
            if (builder == null) builder = RunConfig.forTask(task);
            return builder;
        }

        private RunConfig build() {
            RunConfig.Builder b = builder();
            if (mode != null) {
                if (projection == null) throw new IllegalArgumentException("--intervention needs --projection gradient or --projection update");
                b.intervention(new Intervention(Intervention.Mode.parse(mode), Intervention.Flavour.parse(projection),
                        rank != null ? rank : Intervention.PAPER_RANK, window != null ? window : Intervention.PAPER_WINDOW,
                        basis != null ? Intervention.Basis.parse(basis) : null, weights != null ? WeightGroup.parse(weights) : null, afterMemorisation));
            } else if (projection != null || rank != null || window != null || basis != null || weights != null || afterMemorisation) {
                throw new IllegalArgumentException("--projection, --rank, --window, --sed-basis, --weights and --after-memorisation apply to an "
                        + "--intervention (A-E); add one or drop them");
            }
            return b.build();
        }
    }
}
