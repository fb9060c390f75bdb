package org.sedlab.train;

/** Full-split loss and accuracy for every head at one step. Arrays are indexed by head. */
public record Evaluation(long step, double[] trainLoss, double[] trainAccuracy, double[] testLoss, double[] testAccuracy) {

    /** Every loss is a finite number (a diverged model's is NaN or infinite). */
    public boolean isFinite() {
        for (double[] losses : new double[][]{trainLoss, testLoss}) {
            for (double l : losses) if (!Double.isFinite(l)) return false;
        }
        return true;
    }

    public int heads() { return testAccuracy.length; }

    public double testAccuracy(int head) { return testAccuracy[head]; }

    public double trainAccuracy(int head) { return trainAccuracy[head]; }

    /** The lowest test accuracy over heads: the single-task accuracy, or the weakest op of a multitask run. */
    public double minTestAccuracy() {
        double min = 1;
        for (double a : testAccuracy) min = Math.min(min, a);
        return min;
    }

    public double minTrainAccuracy() {
        double min = 1;
        for (double a : trainAccuracy) min = Math.min(min, a);
        return min;
    }
}
