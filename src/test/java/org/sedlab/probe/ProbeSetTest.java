package org.sedlab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;

class ProbeSetTest {
    /** The author's multitask analyses draw each op's probes from that op's own domain, not the [1, p) the model trained on. */
    @Test
    void multitaskProbesComeFromEachOpsOwnDomain() {
        Task multitask = Task.multitask(97);
        ProbeSet add = ProbeSet.draw(multitask, ModOp.ADD, 4096, 0);
        ProbeSet mul = ProbeSet.draw(multitask, ModOp.MUL, 4096, 0);
        int addMin = IntStream.range(0, add.size()).map(i -> Math.min(add.pairs().a(i), add.pairs().b(i))).min().getAsInt();
        int mulMin = IntStream.range(0, mul.size()).map(i -> Math.min(mul.pairs().a(i), mul.pairs().b(i))).min().getAsInt();
        assertEquals(0, addMin, "add: a, b in [0, p) (P(no zero in 4096 draws) < 1e-36)");
        assertEquals(1, mulMin, "mul: a, b in [1, p)");
        assertEquals(multitask.head(ModOp.MUL), mul.head());
        assertEquals((mul.pairs().a(0) * mul.pairs().b(0)) % 97, mul.labels()[0]);
    }

    @Test
    void singleTaskProbesAreTheSameAsOnTheOpsOwnModel() {
        ProbeSet fromMultitask = ProbeSet.draw(Task.multitask(97), ModOp.SUB, 64, 3);
        ProbeSet fromSingle = ProbeSet.draw(Task.single(ModOp.SUB, 97), ModOp.SUB, 64, 3);
        assertArrayEquals(fromSingle.labels(), fromMultitask.labels());
        assertTrue(IntStream.range(0, 64).allMatch(i -> fromSingle.pairs().a(i) == fromMultitask.pairs().a(i)));
    }
}
