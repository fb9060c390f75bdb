package org.sedlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.model.GrokTransformer;
import org.sedlab.probe.ProbeSet;
import org.sedlab.provenance.ProcessMemory;
import org.sedlab.provenance.ResultRecord;
import org.sedlab.io.TableFiles;
import org.sedlab.sed.CheckpointSeries;
import org.sedlab.sed.DirectionScores;
import org.sedlab.sed.FisherAgreement;
import org.sedlab.sed.FisherLanczos;
import org.sedlab.sed.FisherLanczosEstimator;
import org.sedlab.sed.FisherSettings;
import org.sedlab.sed.PerExampleBatch;
import org.sedlab.sed.PerExampleGradientSvd;
import org.sedlab.sed.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

@Command(name = "per-example", mixinStandardHelpOptions = true,
        description = {"Per-example gradient directions (the paper's Table 3) at chosen checkpoints.",
                "For each: R of the mean gradient, R of the top-k centred per-example directions, and their cosines to the mean gradient.",
                "--estimator fisher-lanczos finds the directions matrix-free by Lanczos and adds their eigenvalues and the products spent.",
                "--against-exact also computes the exact SVD on the same batch and how far the two agree."})
final class PerExampleCommand implements Callable<Integer> {
    private static final String EXACT = "exact";

    @Mixin CouplingOptions coupling;
    @Mixin FisherOptions fisher;
    @Option(names = "--steps", split = ",", description = "checkpoint steps (default: first, middle and last checkpoint)")
    long[] steps;
    @Option(names = "--out", description = "output CSV (default <run>/analysis/per-example.csv)")
    Path out;
    @Option(names = "--batch", defaultValue = "512", description = "examples (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--k", defaultValue = "3", description = "directions (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--estimator", defaultValue = EXACT, description = "exact (the materialised SVD) or fisher-lanczos (default ${DEFAULT-VALUE})")
    String estimator;
    @Option(names = "--against-exact", description = "with fisher-lanczos: also the exact SVD on the same batch, and the principal angles between the two")
    boolean againstExact;

    @Override
    public Integer call() {
        if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        if (k < 1 || k > batch) throw new IllegalArgumentException("--k must lie in [1, --batch=" + batch + "], got " + k);
        boolean lanczos = switch (estimator) {
            case EXACT -> false;
            case FisherLanczosEstimator.NAME -> true;
            default -> throw new IllegalArgumentException("--estimator must be exact or fisher-lanczos, got '" + estimator + "'");
        };
        if (againstExact && !lanczos) throw new IllegalArgumentException("--against-exact goes with --estimator fisher-lanczos");
        FisherSettings settings = fisher.settings(coupling.seed);
        CheckpointSeries series = coupling.open();
        ModOp which = coupling.op != null ? ModOp.parse(coupling.op) : series.task().ops().get(0);
        long[] chosen = steps != null ? steps
                : new long[]{series.step(0), series.step(series.size() / 2), series.step(series.size() - 1)};
        for (long s : chosen) {
            if (!series.steps().contains(s)) throw new IllegalArgumentException("the run has no checkpoint at step " + s
                    + "; steps run from " + series.step(0) + " to " + series.step(series.size() - 1));
        }
        Path file = OutputPaths.file(out != null ? out : coupling.run.resolve("analysis").resolve("per-example.csv"), "--out");
        GrokTransformer model = new GrokTransformer(series.task(), series.load(0, DataType.FLOAT));
        DirectionScores.Scoring scoring = new DirectionScores.Scoring(ProbeSet.draw(series.task(), which, coupling.nProbes, coupling.probeSeed),
                coupling.epsRel, coupling.nRandom, coupling.seed);
        Progress progress = new Progress(System.out);
        Columns columns = new Columns(k, lanczos, againstExact);
        int head = series.task().head(which);
        for (long s : chosen) {
            series.loadInto(series.steps().indexOf(s), model);
            if (againstExact) {
                columns.add(FisherAgreement.at(model, s, which, batch, k, settings, scoring, progress));
                continue;
            }
            Pairs pairs = PerExampleBatch.draw(series.task(), which, batch, coupling.seed);
            if (lanczos) {
                FisherLanczos.Result r = FisherLanczos.topK(model, head, pairs, k, settings);
                columns.add(scoring.score(model, s, r.basis(), PerExampleBatch.meanGradient(model, head, pairs)), r);
            } else {
                PerExampleGradientSvd.Result r = PerExampleGradientSvd.of(model, head, pairs, k, progress);
                columns.add(scoring.score(model, s, r.basis(), r.meanGradient()));
            }
        }
        Table table = columns.table((lanczos ? "fisher-lanczos" : "per-example gradient SVD") + ": " + coupling.run);
        TableFiles.writeCsv(table, file);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", coupling.run.toString());
        record.put("task", series.task().name());
        record.put("op", which.id());
        record.put("steps", chosen);
        record.put("estimator", estimator);
        record.put("settings", Map.of("batch", batch, "k", k, "n_probes", coupling.nProbes, "n_random",
                coupling.nRandom, "eps_rel", coupling.epsRel, "seed", coupling.seed, "probe_seed", coupling.probeSeed));
        if (lanczos) {
            record.put("fisher", settings);
            record.put("against_exact", againstExact);
        }
        record.put("centred", !lanczos || settings.centred());
        if (lanczos) record.put("peak_rss_mib", Math.round(ProcessMemory.peakRssMib()));
        Path json = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.csv$", "") + ".json");
        ResultRecord.write(json, record);
        System.out.println(ConsoleTables.print(table));
        System.out.println("wrote " + file + " and " + json);
        return 0;
    }

    /** The result table's columns: Table 3's, then Lanczos's eigenvalues and cost, then the comparison with the exact SVD. */
    private static final class Columns {
        final int k;
        final boolean lanczos;
        final boolean againstExact;
        final LongColumn step = LongColumn.create("step");
        final DoubleColumn meanR = DoubleColumn.create("R_mean_gradient");
        final DoubleColumn[] r;
        final DoubleColumn[] cos;
        final DoubleColumn[] lambda;
        final IntColumn products = IntColumn.create("products");
        final BooleanColumn converged = BooleanColumn.create("converged");
        final DoubleColumn[] exactLambda;
        final DoubleColumn[] exactR;
        final DoubleColumn[] exactCos;
        final DoubleColumn[] principalCos;
        final DoubleColumn[] directionCos;

        Columns(int k, boolean lanczos, boolean againstExact) {
            this.k = k;
            this.lanczos = lanczos;
            this.againstExact = againstExact;
            r = numbered("R");
            cos = numbered("cos");
            lambda = numbered("lambda");
            exactLambda = numbered("exact_lambda");
            exactR = numbered("exact_R");
            exactCos = numbered("exact_cos");
            principalCos = numbered("principal_cos");
            directionCos = numbered("direction_cos");
        }

        private DoubleColumn[] numbered(String prefix) {
            DoubleColumn[] c = new DoubleColumn[k];
            for (int i = 0; i < k; i++) c[i] = DoubleColumn.create(prefix + (i + 1));
            return c;
        }

        void add(DirectionScores scores) {
            step.append(scores.step());
            meanR.append(scores.meanGradientR());
            fill(r, scores.directionR());
            fill(cos, scores.cosineToMean());
        }

        void add(DirectionScores scores, FisherLanczos.Result result) {
            add(scores);
            fill(lambda, result.eigenvalues());
            products.append(result.products());
            converged.append(result.converged());
        }

        void add(FisherAgreement a) {
            add(a.lanczosScores(), a.lanczos());
            fill(exactLambda, a.exact().eigenvalues());
            fill(exactR, a.exactScores().directionR());
            fill(exactCos, a.exactScores().cosineToMean());
            fill(principalCos, a.principalCosines());
            fill(directionCos, a.directionCosines());
        }

        /** A basis of fewer than k directions (a batch of rank below k) leaves the rest empty. */
        private static void fill(DoubleColumn[] columns, double[] values) {
            for (int i = 0; i < columns.length; i++) {
                if (i < values.length) columns[i].append(values[i]);
                else columns[i].appendMissing();
            }
        }

        Table table(String name) {
            List<Column<?>> all = new ArrayList<>(List.of(step, meanR));
            all.addAll(List.of(r));
            all.addAll(List.of(cos));
            if (lanczos) {
                all.addAll(List.of(lambda));
                all.addAll(List.of(products, converged));
            }
            if (againstExact) {
                for (DoubleColumn[] group : List.of(exactLambda, exactR, exactCos, principalCos, directionCos)) all.addAll(List.of(group));
            }
            return Table.create(name, all.toArray(Column<?>[]::new));
        }
    }
}
