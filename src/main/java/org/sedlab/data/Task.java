package org.sedlab.data;

import java.util.List;

/**
 * What a model is trained on: one op (single-task) or several ops sharing the inputs (multitask,
 * one head per op). The pair domain is the ops' common domain: [1, p) whenever any op excludes 0
 * or the task is multitask, as in the paper.
 */
public record Task(int p, List<ModOp> ops) {

    public Task {
        requirePrime(p);
        ops = List.copyOf(ops);
        if (ops.isEmpty()) throw new IllegalArgumentException("a task needs at least one op");
        if (ops.stream().distinct().count() != ops.size()) {
            throw new IllegalArgumentException("ops repeat in " + ops);
        }
    }

    public static Task single(ModOp op, int p) { return new Task(p, List.of(op)); }

    /** The paper's multitask model: these four heads, named here so that a new op does not silently become a fifth. */
    public static final List<ModOp> MULTITASK_OPS = List.of(ModOp.ADD, ModOp.SUB, ModOp.MUL, ModOp.SQ);

    public static Task multitask(int p) { return new Task(p, MULTITASK_OPS); }

    public boolean isMultitask() { return ops.size() > 1; }

    public int lowestOperand() {
        return isMultitask() ? 1 : ops.get(0).lowestOperand();
    }

    public Pairs domain() { return Pairs.domain(p, lowestOperand()); }

    /** The largest batch drawn from the domain, in domains: drawn with replacement, beyond it every pair repeats many times over. */
    public static final int MAX_DOMAINS_PER_BATCH = 10;

    /** Refuses, before any work, a batch drawn from the domain that is more than {@value #MAX_DOMAINS_PER_BATCH} domains. */
    public void requireBatchSize(long size, String option) {
        long pairs = domain().size();
        if (size > MAX_DOMAINS_PER_BATCH * pairs) {
            throw new IllegalArgumentException(option + " " + size + " is more than " + MAX_DOMAINS_PER_BATCH + " times the " + pairs
                    + " pairs of this task's domain: ask for at most " + MAX_DOMAINS_PER_BATCH * pairs);
        }
    }

    /** Index of an op's head; fails with a clear message for an op the task lacks. */
    public int head(ModOp op) {
        int i = ops.indexOf(op);
        if (i < 0) throw new IllegalArgumentException("this model has no '" + op + "' head; it has " + ops);
        return i;
    }

    /** Short name for directories and tables: the op, or "multitask". */
    public String name() { return isMultitask() ? "multitask" : ops.get(0).id(); }

    static void requirePrime(int p) {
        if (p < 2) throw new IllegalArgumentException("modulus p must be a prime >= 2, got " + p);
        for (int d = 2; (long) d * d <= p; d++) {
            if (p % d == 0) {
                throw new IllegalArgumentException("modulus p must be prime, got " + p + " = " + d + " x " + (p / d));
            }
        }
    }
}
