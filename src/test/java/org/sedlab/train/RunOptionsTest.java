package org.sedlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.sedlab.intervention.Intervention;
import org.sedlab.model.WeightGroup;

/** The one mapping between a run's configuration and train's flags: configuration → arguments → configuration. */
class RunOptionsTest {
    private static final Intervention C_GRAD = new Intervention(Intervention.Mode.C, Intervention.Flavour.GRADIENT, 3, 20);

    /** One change per component of RunConfig that train can set; each must show in the arguments and come back. */
    private static final Map<String, UnaryOperator<RunConfig.Builder>> CHANGES = new LinkedHashMap<>();
    static {
        CHANGES.put("task", b -> RunConfig.forTask("mul"));
        CHANGES.put("p", b -> b.p(59));
        CHANGES.put("seed", b -> b.seed(2024));
        CHANGES.put("adamW", b -> b.learningRate(3e-4).weightDecay(0.3));
        CHANGES.put("batchSize", b -> b.batchSize(128));
        CHANGES.put("maxSteps", b -> b.maxSteps(50));
        CHANGES.put("evalEvery", b -> b.evalEvery(5).checkpointEvery(10));
        CHANGES.put("checkpointEvery", b -> b.checkpointEvery(100));
        CHANGES.put("stopAtGrok", b -> b.stopAtGrok(false));
        CHANGES.put("precision", b -> b.precision("float64"));
        CHANGES.put("intervention", b -> b.intervention(new Intervention(Intervention.Mode.E, Intervention.Flavour.UPDATE, 5, 40)));
    }
    /** Components train has no flag for: set by the task (grok rule, evaluation at step 1) or fixed at the paper's. */
    private static final Set<String> WITHOUT_FLAG = Set.of("grokRule", "evalAtStepOne", "clipNorm", "trainFraction");

    @Test
    void everyComponentIsAFlagOrDeclaredWithout() {
        for (RecordComponent c : RunConfig.class.getRecordComponents()) {
            assertTrue(CHANGES.containsKey(c.getName()) ^ WITHOUT_FLAG.contains(c.getName()),
                    c.getName() + ": a new RunConfig component needs a flag in RunOptions and a change here, or a reason to have none");
        }
    }

    @Test
    void everySettableChangeSurvivesTheTrip() {
        RunConfig paper = RunConfig.forTask("add").build();
        List<String> paperArgs = RunOptions.arguments(paper);
        for (Map.Entry<String, UnaryOperator<RunConfig.Builder>> change : CHANGES.entrySet()) {
            RunConfig changed = change.getValue().apply(paper.toBuilder()).build();
            assertNotEquals(paper, changed, change.getKey());
            List<String> args = RunOptions.arguments(changed);
            assertNotEquals(paperArgs, args, change.getKey() + " must show in the arguments");
            assertEquals(changed, RunOptions.config(args), change.getKey() + ": " + args);
        }
        RunConfig multitask = RunConfig.multitask().seed(137).maxSteps(1000).build();
        assertEquals(multitask, RunOptions.config(RunOptions.arguments(multitask)));
    }

    /** The intervention's variants beyond the paper survive the trip, and a recorded run.json names the basis only where it is not the paper's. */
    @Test
    void interventionVariantsSurviveTheTripAndTheRecord() {
        for (Intervention i : List.of(new Intervention(Intervention.Mode.C, Intervention.Flavour.GRADIENT, 3, 20).withBasis(Intervention.Basis.NATURAL),
                new Intervention(Intervention.Mode.C, Intervention.Flavour.UPDATE, 0, 20), C_GRAD,
                new Intervention(Intervention.Mode.E, Intervention.Flavour.GRADIENT, 3, 20).on(WeightGroup.MLP).afterMemorising())) {
            RunConfig config = RunConfig.forTask("add").intervention(i).build();
            assertEquals(config, RunOptions.config(RunOptions.arguments(config)), String.join(" ", RunOptions.arguments(config)));
            assertEquals(config, RunRecord.GSON.fromJson(RunRecord.GSON.toJson(config), RunConfig.class));
        }
        RunConfig natural = RunConfig.forTask("add").intervention(C_GRAD.withBasis(Intervention.Basis.NATURAL)).build();
        assertTrue(String.join(" ", RunOptions.arguments(natural)).endsWith("--sed-basis natural"));
        assertEquals("add-42-C-grad-nat", natural.name());
        RunConfig late = RunConfig.forTask("add").intervention(C_GRAD.on(WeightGroup.ALL).afterMemorising()).build();
        assertEquals("add-42-C-grad-all-mem", late.name());
        assertTrue(String.join(" ", RunOptions.arguments(late)).endsWith("--weights all --after-memorisation"), RunOptions.arguments(late).toString());
        assertTrue(RunRecord.GSON.toJson(late).contains("\"afterMemorisation\": true"));
        String paper = RunRecord.GSON.toJson(RunConfig.forTask("add").intervention(C_GRAD).build().intervention());
        assertEquals("{\n  \"mode\": \"C\",\n  \"flavour\": \"GRADIENT\",\n  \"rank\": 3,\n  \"window\": 20\n}", paper,
                "the paper's intervention is recorded as before the basis existed");
        assertEquals("add-42-b2048", RunConfig.forTask("add").batchSize(2048).build().name(), "a batch other than the paper's is in the name");
        RunConfig sgd = RunConfig.forTask("add").updateRule(org.sedlab.optim.UpdateRule.SGD_MOMENTUM).learningRate(0.03).build();
        assertEquals("add-42-lr0.03-sgd-momentum", sgd.name());
        assertEquals(List.of("--op", "add", "--seed", "42", "--optimizer", "sgd-momentum", "--lr", "0.03"), RunOptions.arguments(sgd));
        assertEquals(sgd, RunRecord.GSON.fromJson(RunRecord.GSON.toJson(sgd), RunConfig.class));
        assertTrue(RunRecord.GSON.toJson(sgd).contains("\"rule\": \"SGD_MOMENTUM\""));
        assertFalse(RunRecord.GSON.toJson(RunConfig.forTask("add").build()).contains("rule"), "AdamW's record is as before");
    }

    @Test
    void writesTheSweepsCommandsAsTheyAreCommitted() {
        assertEquals(List.of("--op", "add", "--seed", "42"), RunOptions.arguments(RunConfig.forTask("add").build()));
        assertEquals(List.of("--op", "multitask", "--seed", "137"), RunOptions.arguments(RunConfig.multitask().seed(137).build()));
        assertEquals(List.of("--op", "add", "--seed", "42", "--intervention", "C", "--projection", "gradient", "--weight-decay", "0.3"),
                RunOptions.arguments(RunConfig.forTask("add").intervention(C_GRAD).weightDecay(0.3).build()));
        assertEquals(List.of("--op", "add", "--seed", "7", "--intervention", "C", "--projection", "gradient", "--rank", "1", "--window", "40",
                        "--lr", "3.0E-4", "--no-stop-at-grok"),
                RunOptions.arguments(RunConfig.forTask("add").seed(7).learningRate(3e-4).stopAtGrok(false)
                        .intervention(new Intervention(Intervention.Mode.C, Intervention.Flavour.GRADIENT, 1, 40)).build()));
    }

    @Test
    void refusesWhatItCannotWriteOrRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunOptions.arguments(RunConfig.forTask("add").clipNorm(0.5).build()));
        assertTrue(e.getMessage().contains("no flag"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunOptions.config(List.of("--op", "add", "--batch", "many")))
                .getMessage().contains("--batch takes a number, got 'many'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunOptions.config(List.of("--op", "add", "--clip", "1")))
                .getMessage().startsWith("train has no option --clip"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunOptions.config(List.of("--seed", "1")))
                .getMessage().contains("needs --op"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RunOptions.config(List.of("--op", "add", "--rank", "2")))
                .getMessage().contains("apply to an --intervention"));
    }
}
