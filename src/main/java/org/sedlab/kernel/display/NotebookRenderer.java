package org.sedlab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * jjava's renderer (text, images, DisplayDataRenderable) plus renderings for the libraries a sedlab
 * notebook uses, found by class name so they also apply to classes from a user's %maven jars.
 */
public final class NotebookRenderer extends Renderer {

    private static final Logger LOG = LoggerFactory.getLogger(NotebookRenderer.class);

    private final List<ObjectRendering> renderings = List.of(new XChartRendering(), new TablesawRendering(), new ImageRendering());

    @Override
    public DisplayData render(Object value, Map<String, Object> params) {
        Optional<ObjectRendering> rendering = renderingFor(value);
        if (rendering.isEmpty()) {
            return super.render(value, params);
        }
        return renderWith(rendering.get(), value, rendering.get().defaultTypes());
    }

    @Override
    public DisplayData renderAs(Object value, Map<String, Object> params, String... types) {
        Optional<ObjectRendering> rendering = renderingFor(value);
        if (rendering.isPresent()) {
            Set<String> wanted = new LinkedHashSet<>(List.of(types));
            wanted.retainAll(rendering.get().supportedTypes());
            if (!wanted.isEmpty()) {
                return renderWith(rendering.get(), value, wanted);
            }
        }
        return super.renderAs(value, params, types);
    }

    private DisplayData renderWith(ObjectRendering rendering, Object value, Set<String> types) {
        DisplayData out = new DisplayData();
        try {
            rendering.render(value, types, out);
        } catch (Exception e) {
            // A broken rendering must not lose the result: fall back to the text form.
            LOG.warn("Rendering {} as {} failed", value.getClass().getName(), types, e);
            out.putText(String.valueOf(value) + "\n(rendering as " + types + " failed: " + e + ")");
        }
        return finalizeDisplayData(out, value);
    }

    private Optional<ObjectRendering> renderingFor(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        Set<String> names = typeNames(value.getClass());
        return renderings.stream().filter(r -> names.contains(r.className())).findFirst();
    }

    /** Names of a class, its superclasses and every interface they implement. */
    static Set<String> typeNames(Class<?> type) {
        Set<String> names = new HashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> next = pending.poll();
            if (names.add(next.getName())) {
                if (next.getSuperclass() != null) {
                    pending.add(next.getSuperclass());
                }
                pending.addAll(List.of(next.getInterfaces()));
            }
        }
        return names;
    }
}
