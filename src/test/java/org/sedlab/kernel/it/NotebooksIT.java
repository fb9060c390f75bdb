package org.sedlab.kernel.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every notebook in notebooks/ runs top to bottom through nbconvert with the sedlab kernel, and each
 * cell shows what its metadata {@code sedlab.expect} says: {@code mime} (output types, "stream" for
 * printed text), {@code text} (a regex found in its text), {@code error} (the error's name).
 */
class NotebooksIT {

    private static final Path OUT = JupyterEnvironment.ROOT.resolve("target/notebooks");

    @Test
    void everyNotebookRunsAndShowsWhatItShould() throws Exception {
        Map<String, String> env = JupyterEnvironment.require();
        JupyterEnvironment.Result run = JupyterEnvironment.run(List.of("bash", "environment/run-notebooks.sh",
                JupyterEnvironment.ROOT.resolve("notebooks").toString(), OUT.toString()), env, 3600);
        System.out.println(run.output);
        assertEquals(0, run.exitCode, run.output);

        List<String> problems = new ArrayList<>();
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(JupyterEnvironment.ROOT.resolve("notebooks"))) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
        assertFalse(notebooks.isEmpty());
        for (Path notebook : notebooks) {
            String name = notebook.getFileName().toString().replace(".ipynb", "");
            Path html = OUT.resolve("html/" + name + ".html");
            if (!Files.isRegularFile(html) || Files.size(html) == 0) {
                problems.add(name + ": no HTML rendering");
            }
            problems.addAll(check(name, OUT.resolve("executed/" + name + ".ipynb")));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** What is wrong with an executed notebook: errors outside raises-exception cells, outputs its cells' sedlab.expect does not find. */
    static List<String> check(String name, Path executed) throws IOException {
        List<String> problems = new ArrayList<>();
        JsonArray cells = JsonParser.parseString(Files.readString(executed, StandardCharsets.UTF_8))
                .getAsJsonObject().getAsJsonArray("cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            String where = name + " cell " + i + ": ";
            JsonObject metadata = cell.getAsJsonObject("metadata");
            boolean raises = metadata.has("tags") && metadata.getAsJsonArray("tags").toString().contains("\"raises-exception\"");
            Set<String> kinds = new HashSet<>();
            StringBuilder text = new StringBuilder();
            List<String> errorNames = new ArrayList<>();
            for (JsonElement element : cell.getAsJsonArray("outputs")) {
                JsonObject output = element.getAsJsonObject();
                switch (output.get("output_type").getAsString()) {
                    case "stream":
                        kinds.add("stream");
                        text.append(joined(output.get("text"))).append('\n');
                        break;
                    case "error":
                        errorNames.add(output.get("ename").getAsString());
                        break;
                    default:
                        JsonObject data = output.getAsJsonObject("data");
                        kinds.addAll(data.keySet());
                        if (data.has("text/plain")) {
                            text.append(joined(data.get("text/plain"))).append('\n');
                        }
                }
            }
            if (!errorNames.isEmpty() && !raises) {
                problems.add(where + "error output " + errorNames);
            }
            if (raises && errorNames.isEmpty()) {
                problems.add(where + "tagged raises-exception but raised nothing");
            }
            JsonObject expect = metadata.has("sedlab") ? metadata.getAsJsonObject("sedlab").getAsJsonObject("expect") : null;
            if (expect == null) {
                continue;
            }
            if (expect.has("mime")) {
                for (JsonElement mime : expect.getAsJsonArray("mime")) {
                    if (!kinds.contains(mime.getAsString())) {
                        problems.add(where + "expected " + mime.getAsString() + " output, got " + kinds);
                    }
                }
            }
            if (expect.has("text") && !Pattern.compile(expect.get("text").getAsString(), Pattern.MULTILINE).matcher(text).find()) {
                problems.add(where + "expected text /" + expect.get("text").getAsString() + "/ in: " + text);
            }
            if (expect.has("error") && !errorNames.contains(expect.get("error").getAsString())) {
                problems.add(where + "expected error " + expect.get("error").getAsString() + ", got " + errorNames);
            }
        }
        return problems;
    }

    /** nbformat keeps multi-line text as one string or as a list of lines. */
    private static String joined(JsonElement text) {
        if (text.isJsonArray()) {
            StringBuilder out = new StringBuilder();
            text.getAsJsonArray().forEach(line -> out.append(line.getAsString()));
            return out.toString();
        }
        return text.getAsString();
    }
}
