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
 * in this notebook's shell, so its definitions become available here. As in IJava, a file named without
 * its extension is found with the first of .jsh, .jshell, .java and .ipynb that exists.
 */
public final class LoadMagic {

    private static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ipynb");

    private LoadMagic() {
    }

    public static void register(MagicsRegistry registry) {
        registry.registerLineMagic("load", (SedlabKernel kernel, List<String> args) -> {
            if (args.size() != 1) {
                throw new MagicException("%load needs one file, e.g. %load helpers.jshell or %load other.ipynb");
            }
            Path file = find(args.get(0));
            for (String code : codeOf(file)) {
                kernel.evalRaw(code);
            }
            return null;
        });
    }

    static Path find(String name) {
        Path named = Path.of(name);
        if (Files.isRegularFile(named)) {
            return named;
        }
        for (String extension : EXTENSIONS) {
            Path file = Path.of(name + extension);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new MagicException("%load: no such file '" + name + "', nor with " + String.join(", ", EXTENSIONS)
                + " (relative to " + Path.of("").toAbsolutePath() + ")");
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
