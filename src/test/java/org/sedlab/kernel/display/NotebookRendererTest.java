package org.sedlab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookRendererTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    private final NotebookRenderer renderer = new NotebookRenderer();

    private static XYChart chart() {
        XYChart chart = new XYChartBuilder().width(200).height(120).title("t").build();
        chart.addSeries("s", new double[] {0, 1, 2}, new double[] {1, 3, 2});
        return chart;
    }

    private static void assertPng(Object base64) {
        assertNotNull(base64);
        byte[] png = Base64.getDecoder().decode((String) base64);
        assertTrue(Arrays.equals(PNG_SIGNATURE, Arrays.copyOf(png, 4)), "not a PNG");
    }

    @Test
    void xchartRendersAsPngByDefault() {
        DisplayData data = renderer.render(chart());
        assertPng(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
        assertNull(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_SVG));
        assertEquals("XYChart \"t\"", data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    }

    @Test
    void xchartRendersAsSvgOnRequest() {
        DisplayData data = renderer.renderAs(chart(), "image/svg+xml");
        String svg = (String) data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_SVG);
        assertTrue(svg.startsWith("<svg"), svg.substring(0, 40));
        assertNull(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
    }

    @Test
    void tablesawTableRendersAsHtmlAndText() {
        Table table = Table.create("nums", IntColumn.create("n", 1, 2, 3), IntColumn.create("sq", 1, 4, 9));
        DisplayData data = renderer.render(table);
        String html = (String) data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML);
        assertTrue(html.contains("<th>sq</th>") && html.contains("<td>9</td>") && html.contains("nums (3 rows)"), html);
        String text = (String) data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
        assertTrue(text.contains("sq") && text.contains("9"), text);
    }

    @Test
    void longTablesAreCutAroundAnEllipsisAndEscaped() {
        Table table = Table.create("<big>", IntColumn.create("i", IntStream.range(0, 1000).toArray()));
        String html = (String) renderer.render(table).getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML);
        assertTrue(html.contains("&#8230;") && html.contains("<td>999</td>") && !html.contains("<td>500</td>"));
        assertTrue(html.contains("&lt;big&gt;"));
        assertEquals(TablesawRendering.MAX_ROWS + 1, html.split("<tr>").length - 2);
    }

    @Test
    void bufferedImageRendersAsPng() {
        DisplayData data = renderer.render(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
        assertPng(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
    }

    @Test
    void otherObjectsFallBackToText() {
        DisplayData data = renderer.render(java.util.List.of(1, 2));
        assertEquals("[1, 2]", data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    }

    /** A chart whose classes come from a separate class loader, as with a user's %maven xchart. */
    @Test
    void renderingWorksForClassesFromAnotherClassLoader() throws Exception {
        URL[] jars = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> p.contains("xchart") || p.contains("VectorGraphics2D") || p.contains("graphics2d")
                        || p.contains("pdfbox") || p.contains("fontbox") || p.contains("animated-gif") || p.contains("commons-logging"))
                .map(p -> {
                    try {
                        return Path.of(p).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader userJars = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            Class<?> builderType = userJars.loadClass("org.knowm.xchart.XYChartBuilder");
            Object builder = builderType.getConstructor().newInstance();
            Object chart = builderType.getMethod("build").invoke(builder);
            Method addSeries = chart.getClass().getMethod("addSeries", String.class, double[].class, double[].class);
            addSeries.invoke(chart, "s", new double[] {0, 1}, new double[] {1, 0});
            assertNotSame(XYChart.class, chart.getClass());

            DisplayData data = renderer.render(chart);
            assertPng(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
        }
    }

    @Test
    void typeNamesCoverSuperclassesAndInterfaces() {
        var names = NotebookRenderer.typeNames(java.util.ArrayList.class);
        assertTrue(names.containsAll(java.util.List.of("java.util.AbstractList", "java.util.List", "java.util.Collection", "java.lang.Object")));
        assertFalse(names.contains("java.util.Map"));
    }
}
