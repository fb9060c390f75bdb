package org.sedlab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/** An XChart chart as image/png (its BitmapEncoder) or image/svg+xml (its VectorGraphicsEncoder). */
final class XChartRendering implements ObjectRendering {

    static final String PNG = "image/png";
    static final String SVG = "image/svg+xml";
    private static final String CHART = "org.knowm.xchart.internal.chartpart.Chart";

    @Override
    public String className() {
        return CHART;
    }

    @Override
    public Set<String> supportedTypes() {
        return Set.of(PNG, SVG);
    }

    @Override
    public Set<String> defaultTypes() {
        return Set.of(PNG);
    }

    @Override
    public void render(Object chart, Set<String> types, DisplayData out) throws ReflectiveOperationException, java.io.IOException {
        ClassLoader loader = chart.getClass().getClassLoader();
        Class<?> chartType = Class.forName(CHART, false, loader);
        if (types.contains(PNG)) {
            Class<?> format = Class.forName("org.knowm.xchart.BitmapEncoder$BitmapFormat", true, loader);
            Method encode = Class.forName("org.knowm.xchart.BitmapEncoder", true, loader)
                    .getMethod("getBitmapBytes", chartType, format);
            byte[] png = (byte[]) encode.invoke(null, chart, enumConstant(format, "PNG"));
            out.putData(PNG, Base64.getEncoder().encodeToString(png));
        }
        if (types.contains(SVG)) {
            Class<?> format = Class.forName("org.knowm.xchart.VectorGraphicsEncoder$VectorGraphicsFormat", true, loader);
            Method encode = Class.forName("org.knowm.xchart.VectorGraphicsEncoder", true, loader)
                    .getMethod("saveVectorGraphic", chartType, OutputStream.class, format);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            encode.invoke(null, chart, svg, enumConstant(format, "SVG"));
            out.putSVG(svgElement(svg.toString(StandardCharsets.UTF_8)));
        }
        out.putText(chart.getClass().getSimpleName() + " \"" + chart.getClass().getMethod("getTitle").invoke(chart) + "\"");
    }

    /** The {@code <svg>} element alone: front ends embed it in HTML, where an XML prolog or doctype breaks. */
    static String svgElement(String document) {
        int start = document.indexOf("<svg");
        return start < 0 ? document : document.substring(start);
    }

    private static Object enumConstant(Class<?> enumType, String name) {
        for (Object constant : enumType.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(enumType.getName() + " has no " + name);
    }
}
