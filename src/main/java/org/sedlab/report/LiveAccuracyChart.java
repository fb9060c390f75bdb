package org.sedlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.knowm.xchart.XYChart;
import org.sedlab.train.Evaluation;
import org.sedlab.train.TrainingContext;
import org.sedlab.train.TrainingListener;

/**
 * A training listener that keeps a train/test accuracy chart up to date and hands it to a consumer
 * after every evaluation; in a notebook, {@code chart -> updateDisplay(id, chart)} redraws it live.
 */
public final class LiveAccuracyChart implements TrainingListener {
    private final XYChart chart;
    private final Consumer<XYChart> redraw;
    private final List<Double> steps = new ArrayList<>();
    private final List<Double> train = new ArrayList<>();
    private final List<Double> test = new ArrayList<>();

    public LiveAccuracyChart(String title, Consumer<XYChart> redraw) {
        this.chart = FigureStyle.lineChart(title, "step", "accuracy");
        this.redraw = redraw;
        FigureStyle.line(chart, "train", new double[]{0}, new double[]{0});
        FigureStyle.line(chart, "test", new double[]{0}, new double[]{0});
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    }

    public XYChart chart() { return chart; }

    @Override
    public void onEvaluation(TrainingContext context, Evaluation evaluation) {
        steps.add((double) evaluation.step());
        train.add(evaluation.minTrainAccuracy());
        test.add(evaluation.minTestAccuracy());
        chart.updateXYSeries("train", steps, train, null);
        chart.updateXYSeries("test", steps, test, null);
        redraw.accept(chart);
    }
}
