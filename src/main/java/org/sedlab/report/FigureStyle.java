package org.sedlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sedlab.intervention.Intervention.Mode;

/** One look for every figure (size, fonts, legend, line widths) and where figures are saved. */
public final class FigureStyle {
    public static final int WIDTH = 760;
    public static final int HEIGHT = 420;
    /** Colours for ops and seeds, in order: readable on white and in grey scale. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    /** The ops' colours, fixed across every figure. */
    private static final java.util.List<String> OPS = java.util.List.of("add", "sub", "mul", "sq");
    /** The interventions' modes in the author's colours. */
    private static final Map<Mode, Color> MODE_COLOURS = Map.of(Mode.A, Color.BLACK, Mode.B, new Color(0xd62728),
            Mode.C, new Color(0x1f77b4), Mode.D, new Color(0xff7f0e), Mode.E, new Color(0x2ca02c));

    private FigureStyle() {}

    /** An op's colour in every figure: add blue, sub red, mul green, sq purple. */
    public static Color opColour(String op) {
        int i = OPS.indexOf(op);
        if (i < 0) throw new IllegalArgumentException("no colour for op '" + op + "'");
        return PALETTE[i];
    }

    /** An intervention mode's colour in every figure: A black, B red, C blue, D orange, E green. */
    public static Color modeColour(Mode mode) {
        return MODE_COLOURS.get(mode);
    }

    /** The stroke of training-accuracy and other secondary lines. */
    public static BasicStroke dashed() {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f);
    }

    /** The stroke of reference lines (R = 1). */
    public static BasicStroke dotted() {
        return new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[]{1.5f, 4f}, 0f);
    }

    /** A grey dotted horizontal line at {@code y} across {@code [x0, x1]}, named for the legend. */
    public static XYSeries referenceLine(XYChart chart, String name, double y, double x0, double x1) {
        XYSeries s = line(chart, name, new double[]{x0, x1}, new double[]{y, y});
        s.setLineStyle(dotted());
        s.setLineColor(Color.DARK_GRAY);
        return s;
    }

    /** A line chart in the house style. */
    public static XYChart lineChart(String title, String xTitle, String yTitle) {
        return lineChart(title, xTitle, yTitle, HEIGHT);
    }

    /** A line chart of the given height: a panel of a {@link StackedFigure} (an empty title shows none). */
    public static XYChart lineChart(String title, String xTitle, String yTitle, int height) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        house(chart.getStyler(), title);
        return chart;
    }

    /** A chart over named categories (dots and interval bars, no bars drawn) in the house style; its labels stand upright. */
    public static CategoryChart categoryChart(String title, String xTitle, String yTitle, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        CategoryStyler s = house(chart.getStyler(), title);
        s.setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
        s.setOverlapped(true);
        s.setXAxisLabelRotation(90);
        s.setMarkerSize(8);
        s.setLegendPosition(Styler.LegendPosition.OutsideE); // inside, it hid the dots of its corner
        return chart;
    }

    private static <S extends AxesChartStyler> S house(S s, String title) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xe0e0e0));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        s.setMarkerSize(0);
        s.setChartTitleVisible(!title.isEmpty());
        // Steps without thousands separators: XChart's default labels ("1,575") ran into each other.
        s.setXAxisDecimalPattern("#");
        return s;
    }

    /** Adds a line series without markers. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(2f));
        return series;
    }

    /** Saves a chart as {@code dir/name.png} and {@code dir/name.svg}, each written whole and then moved in place. */
    public static void save(Chart<?, ?> chart, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(name + ".tmp.png");
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
            Files.move(png, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path svg = dir.resolve(name + ".tmp.svg");
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            Files.move(svg, dir.resolve(name + ".svg"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save figure " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }
}
