package org.sedlab.data;


/** The seeded train/test split: shuffle the task's pair domain, first half trains. */
public record Split(Pairs train, Pairs test) {

    public Split {
        if (train.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException("empty split: train has " + train.size()
                    + " pairs and test " + test.size() + "; use a larger p or a train fraction in (0, 1)");
        }
    }

    public static Split of(Task task, double trainFraction, RandomStreams streams) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction must lie in (0, 1), got " + trainFraction);
        }
        Pairs shuffled = task.domain().shuffled(streams.stream("split"));
        int nTrain = (int) (trainFraction * shuffled.size());
        return new Split(shuffled.slice(0, nTrain), shuffled.slice(nTrain, shuffled.size()));
    }
}
