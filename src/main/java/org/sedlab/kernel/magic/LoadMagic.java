package org.sedlab.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.sedlab.kernel.SedlabKernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %load file} runs a .java / .jshell file, or every code cell of another notebook (.ipynb),
 * in this notebook's shell, so its definitions become available here.
 */
public final class LoadMagic {

    private LoadMagic() {
    }

    public static void register(MagicsRegistry registry) {
        registry.registerLineMagic("load", (SedlabKernel kernel, List<String> args) -> {
            if (args.size() != 1) {
                throw new MagicException("%load needs one file, e.g. %load helpers.jshell or %load other.ipynb");
            }
            Path file = Path.of(args.get(0));
            if (!Files.isRegularFile(file)) {
                throw new MagicException("%load: no such file '" + args.get(0) + "' (relative to "
                        + Path.of("").toAbsolutePath() + ")");
            }
            for (String code : codeOf(file)) {
                kernel.evalRaw(code);
            }
            return null;
        });
    }

    /** The code to run: the whole file, or a notebook's code cells in order. */
    static List<String> codeOf(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!file.toString().endsWith(".ipynb")) {
            return List.of(text);
        }
        List<String> cells = new ArrayList<>();
        try {
            JsonArray all = JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("cells");
            for (JsonElement element : all) {
                JsonObject cell = element.getAsJsonObject();
                if ("code".equals(cell.get("cell_type").getAsString())) {
                    cells.add(sourceOf(cell.get("source")));
                }
            }
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new MagicException("%load: '" + file + "' is not a readable notebook: " + e.getMessage());
        }
        return cells;
    }

    /** nbformat stores a cell's source as one string or as a list of lines. */
    private static String sourceOf(JsonElement source) {
        if (source.isJsonArray()) {
            StringBuilder out = new StringBuilder();
            source.getAsJsonArray().forEach(line -> out.append(line.getAsString()));
            return out.toString();
        }
        return source.getAsString();
    }
}
