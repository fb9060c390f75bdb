package org.sedlab.paper.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.train.RunConfig;

/** The optimizer part's plan, and its claims on hand-written series whose answers are known. */
class OptimizerTest {
    @TempDir Path tmp;

    @Test
    void everyRunIsTrainedKeepingItsStateIntoAFolderOfItsOwnThenAnalysedStageByStage() {
        Map<String, SweepUnit> byId = Sections.units(new Optimizer(), Profile.FULL, Path.of("runs"), Path.of("data/optimizer")).stream()
                .collect(Collectors.toMap(SweepUnit::id, u -> u));
        assertEquals(2 * (10 * 2 + 5) + 3 * 11, byId.size(),
                "10 seeds of add and mul, 5 multitask seeds, each trained and analysed; 11 runs of other optimizers with their norms and SED");
        assertEquals("./sedlab train --op add --seed 42 --optimizer sgd-momentum --lr 0.01 --out runs/add-42-lr0.01-sgd-momentum",
                byId.get("train/add-42-lr0.01-sgd-momentum").commandLine());
        assertEquals("./sedlab analyze --run runs/add-42-lr0.0003-adam-l2 --out data/optimizer/sed/add-42-lr0.0003-adam-l2 --estimators gradient,update",
                byId.get("sed/add-42-lr0.0003-adam-l2").commandLine());
        SweepUnit train = byId.get("train/add-42-optimizer-state");
        assertEquals("./sedlab train --op add --seed 42 --out runs/add-42-optimizer-state --save-optimizer-state", train.commandLine());
        assertEquals(RunConfig.forTask("add").seed(42).build(), train.training().orElseThrow(), "the paper's run, only kept with its state");
        SweepUnit sed = byId.get("sed/multitask-2024");
        assertEquals(List.of("train/multitask-2024-optimizer-state"), sed.dependsOn());
        assertTrue(sed.commandLine().endsWith("--estimators gradient,scaled-gradient,momentum,adam-direction,adam-decay,update,per-op-gradient"),
                sed.commandLine());
        assertTrue(byId.containsKey("sed/mul-7"), "the seventh of the scorecard's extra seeds");
    }

    /** Momentum halves median R-bar on every run; decay changes nothing; on 6 seeds x 2 ops the first is decided, the second not. */
    @Test
    void eachContaminationIsAPairedLogRatioOverRuns() throws Exception {
        Path root = tmp.resolve("data/optimizer");
        List<Long> seeds = List.of(42L, 137L, 2024L, 1L, 2L, 3L);
        for (long seed : seeds) {
            for (String op : Optimizer.OPS) {
                StringBuilder csv = new StringBuilder("estimator,W,op,step,R1,R2,R3,Rbar,random_median,rank90\n");
                double g = 100 + seed % 7;
                double[] rbar = {g, g * 0.8, g / 2, g / 3, g / 3 * (seed % 2 == 0 ? 1.01 : 0.99), 5};
                for (int i = 0; i < Optimizer.STAGES.size(); i++) {
                    for (int step : new int[]{25, 50}) {
                        csv.append(String.format("%s,20,%s,%d,%f,%f,%f,%f,0.001,40%n", Optimizer.STAGES.get(i), op, step, rbar[i], rbar[i], rbar[i], rbar[i]));
                    }
                }
                Path unit = Files.createDirectories(root.resolve(Optimizer.sedId(op, seed)));
                Files.writeString(unit.resolve("series.csv"), csv.toString());
                Files.writeString(unit.resolve("unit.json"), "{}");
            }
        }
        Map<String, Claim> claims = OptimizerClaims.all(new SectionData(new Optimizer(), root)).stream()
                .collect(Collectors.toMap(Claim::id, c -> c));
        Claim momentum = claims.get("opt.momentum");
        assertEquals(Verdict.REPRODUCES, momentum.verdict(), momentum.sentence());
        assertTrue(momentum.ours().startsWith("x0.50 [0.50, 0.50] (n = 12)"), momentum.ours());
        Claim decay = claims.get("opt.weight-decay");
        assertEquals(Verdict.UNDECIDED, decay.verdict(), "half the runs 1 % up, half 1 % down: " + decay.sentence());
        assertEquals(Verdict.REPRODUCES, claims.get("opt.realised-update").verdict());
    }
}
