package org.sedlab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/** A Tablesaw table (any Relation) as an HTML table and as Tablesaw's own text layout. */
final class TablesawRendering implements ObjectRendering {

    static final String HTML = "text/html";
    static final String TEXT = "text/plain";
    /** Longer tables show their first and last rows around an ellipsis row. */
    static final int MAX_ROWS = 40;
    private static final int TAIL_ROWS = 5;

    @Override
    public String className() {
        return "tech.tablesaw.table.Relation";
    }

    @Override
    public Set<String> supportedTypes() {
        return Set.of(HTML, TEXT);
    }

    @Override
    public Set<String> defaultTypes() {
        return Set.of(HTML, TEXT);
    }

    @Override
    public void render(Object table, Set<String> types, DisplayData out) throws ReflectiveOperationException {
        if (types.contains(TEXT)) {
            out.putText((String) table.getClass().getMethod("print", int.class).invoke(table, MAX_ROWS));
        }
        if (types.contains(HTML)) {
            out.putHTML(html(table));
        }
    }

    private static String html(Object table) throws ReflectiveOperationException {
        Class<?> type = table.getClass();
        @SuppressWarnings("unchecked")
        List<String> columns = (List<String>) type.getMethod("columnNames").invoke(table);
        int rows = (Integer) type.getMethod("rowCount").invoke(table);
        Method cell = type.getMethod("getString", int.class, int.class);
        String name = (String) type.getMethod("name").invoke(table);

        StringBuilder html = new StringBuilder("<table class=\"tablesaw\">");
        html.append("<caption>").append(escape(name == null ? "" : name))
                .append(" (").append(rows).append(rows == 1 ? " row" : " rows").append(")</caption><thead><tr>");
        for (String column : columns) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        boolean cut = rows > MAX_ROWS;
        for (int r = 0; r < rows; r++) {
            if (cut && r == MAX_ROWS - TAIL_ROWS) {
                html.append("<tr>").append("<td>&#8230;</td>".repeat(columns.size())).append("</tr>");
                r = rows - TAIL_ROWS;
            }
            html.append("<tr>");
            for (int c = 0; c < columns.size(); c++) {
                html.append("<td>").append(escape((String) cell.invoke(table, r, c))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
