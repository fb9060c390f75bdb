package org.sedlab.data;

/** Input pairs with one label array per head of the task (labels[h][i] = ops[h](a_i, b_i)). */
public record Batch(Pairs pairs, int[][] labels) {

    public static Batch of(Task task, Pairs pairs) {
        int[][] labels = new int[task.ops().size()][];
        for (int h = 0; h < labels.length; h++) labels[h] = pairs.labels(task.ops().get(h), task.p());
        return new Batch(pairs, labels);
    }

    public int size() { return pairs.size(); }
}
