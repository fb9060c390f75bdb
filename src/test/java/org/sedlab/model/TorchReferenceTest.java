package org.sedlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.io.Npz;
import org.sedlab.data.RandomStreams;

/**
 * Our SameDiff model against an independent PyTorch implementation (torch.nn.TransformerEncoder,
 * src/test/python/torch_reference.py) loaded from our own checkpoint: logits, loss, every parameter's
 * gradient and the centroids agree in float64. Needs Debian's python3-torch, which the README's
 * test command installs; elsewhere the test is skipped unless CI=true.
 */
class TorchReferenceTest {
    private static final String PYTHON = "/usr/bin/python3";
    @TempDir Path tmp;

    @Test
    void singleTaskModelMatchesPyTorch() throws Exception {
        check(Task.single(ModOp.SUB, 97), 42);
    }

    @Test
    void multitaskModelMatchesPyTorch() throws Exception {
        check(Task.multitask(13), 7);
    }

    private void check(Task task, long seed) throws Exception {
        assumeTrue(torchAvailable() || "true".equals(System.getenv("CI")), "PyTorch (python3-torch) is not installed");
        GrokTransformer model = GrokTransformer.initialised(task, seed, DataType.DOUBLE);
        // Move away from the symmetric initialisation so both layers and all heads differ.
        model.parameters().flat().addi(Nd4j.rand(DataType.DOUBLE, model.parameters().layout().size()).subi(0.5).muli(0.05));
        Batch batch = Batch.of(task, task.domain().sample(64, new RandomStreams(seed).stream("reference")));
        Map<String, INDArray> file = new LinkedHashMap<>();
        StateDict.of(model.parameters()).forEach((k, v) -> file.put("state." + k, v));
        Pairs x = batch.pairs();
        long[] a = new long[x.size()];
        long[] b = new long[x.size()];
        for (int i = 0; i < x.size(); i++) {
            a[i] = x.a(i);
            b[i] = x.b(i);
        }
        file.put("a", Nd4j.createFromArray(a));
        file.put("b", Nd4j.createFromArray(b));
        file.put("labels", Nd4j.createFromArray(batch.labels()).castTo(DataType.LONG));
        INDArray[] logits = model.allLogits(x);
        for (int h = 0; h < logits.length; h++) file.put("ours.logits." + h, logits[h]);
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, model.parameters().layout().size());
        double loss = model.lossAndGradient(batch, Objective.crossEntropy(), grad);
        file.put("ours.loss", Nd4j.scalar(loss));
        StateDict.of(new Parameters(model.parameters().layout(), grad)).forEach((k, v) -> file.put("ours.grad." + k, v));
        file.put("ours.centroids", model.centroids(x, batch.labels()[0], 0));
        Path npz = tmp.resolve("case.npz");
        Npz.write(npz, file);

        JsonObject diff = runReference(npz);
        assertEquals(model.parameters().layout().stateDictOrder().size(), diff.get("keys_checked").getAsInt());
        assertTrue(diff.get("gradient_scale").getAsDouble() > 1e-3, "gradients are not trivially zero: " + diff);
        for (String key : new String[]{"logits", "loss", "gradient", "centroids"}) {
            assertTrue(diff.get(key).getAsDouble() < 1e-9, key + " differs from PyTorch: " + diff);
        }
    }

    private static JsonObject runReference(Path npz) throws Exception {
        Path script = Path.of("src/test/python/torch_reference.py").toAbsolutePath();
        Process proc = new ProcessBuilder(PYTHON, script.toString(), npz.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(proc.waitFor(300, TimeUnit.SECONDS), "reference timed out");
        assertEquals(0, proc.exitValue(), "reference failed: " + out);
        String last = out.substring(out.lastIndexOf('\n') + 1);
        return JsonParser.parseString(last).getAsJsonObject();
    }

    private static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
