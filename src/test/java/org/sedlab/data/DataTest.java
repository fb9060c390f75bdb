package org.sedlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataTest {

    @Test
    void opsComputeModularResults() {
        assertEquals(3, ModOp.ADD.apply(50, 50, 97));
        assertEquals(94, ModOp.SUB.apply(3, 6, 97), "sub floors to a non-negative residue");
        assertEquals((96 * 95) % 97, ModOp.MUL.apply(96, 95, 97));
        assertEquals((96 * 96 + 95 * 95) % 97, ModOp.SQ.apply(96, 95, 97));
        assertEquals(ModOp.SQ, ModOp.parse(" SQ "));
    }

    @Test
    void splitsHaveThePapersSizesAndAreDisjoint() {
        for (ModOp op : ModOp.values()) {
            Task task = Task.single(op, 97);
            Split split = Split.of(task, 0.5, new RandomStreams(42));
            int domain = op == ModOp.MUL ? 96 * 96 : 97 * 97;
            assertEquals(domain / 2, split.train().size(), op + " train size");
            assertEquals(domain - domain / 2, split.test().size(), op + " test size");
            Set<Long> seen = new HashSet<>();
            for (Pairs part : new Pairs[]{split.train(), split.test()}) {
                for (int i = 0; i < part.size(); i++) {
                    assertTrue(part.a(i) >= op.lowestOperand() && part.b(i) >= op.lowestOperand());
                    assertTrue(seen.add(part.a(i) * 1000L + part.b(i)), "pair appears twice in " + op);
                }
            }
            assertEquals(domain, seen.size());
        }
        assertEquals(4608, Split.of(Task.single(ModOp.MUL, 97), 0.5, new RandomStreams(1)).test().size());
    }

    @Test
    void splitDependsOnTheSeedOnly() {
        Task task = Task.single(ModOp.ADD, 97);
        assertEquals(Split.of(task, 0.5, new RandomStreams(7)), Split.of(task, 0.5, new RandomStreams(7)));
        assertNotEquals(Split.of(task, 0.5, new RandomStreams(7)).train(), Split.of(task, 0.5, new RandomStreams(8)).train());
    }

    @Test
    void batchesAreDrawnWithReplacement() {
        Pairs small = Pairs.domain(3, 0);
        Pairs batch = small.sample(512, new SplittableRandom(3));
        assertEquals(512, batch.size());
        Batch labelled = Batch.of(Task.single(ModOp.ADD, 3), batch);
        for (int i = 0; i < batch.size(); i++) assertEquals((batch.a(i) + batch.b(i)) % 3, labelled.labels()[0][i]);
    }

    @Test
    void multitaskUsesNonZeroOperandsAndOneHeadPerOp() {
        Task multi = Task.multitask(97);
        assertEquals(96 * 96, multi.domain().size());
        assertEquals(2, multi.head(ModOp.MUL));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.single(ModOp.ADD, 97).head(ModOp.MUL));
        assertTrue(e.getMessage().contains("no 'mul' head"), e.getMessage());
    }

    @Test
    void badInputFailsWithAMessageNamingTheValue() {
        assertMessage(() -> ModOp.parse("div"), "'div'");
        assertMessage(() -> Task.single(ModOp.ADD, 1), "got 1");
        assertMessage(() -> Task.single(ModOp.ADD, 91), "91 = 7 x 13");
        assertMessage(() -> Pairs.domain(5, 0).sample(0, new SplittableRandom(1)), "got 0");
        assertMessage(() -> Split.of(Task.single(ModOp.ADD, 2), 0.1, new RandomStreams(1)), "empty split");
        assertMessage(() -> Split.of(Task.single(ModOp.ADD, 97), 1.5, new RandomStreams(1)), "1.5");
    }

    private static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
