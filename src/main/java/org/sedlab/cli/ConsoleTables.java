package org.sedlab.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.sedlab.provenance.ResultFiles;
import org.sedlab.provenance.ResultTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** Result tables as printed on the console: four significant digits, not a double's sixteen (the files keep every digit). */
final class ConsoleTables {
    private static final NumberColumnFormatter FOUR_DIGITS = new NumberColumnFormatter() {
        @Override public String format(double value) {
            return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4g", value);
        }
    };

    private ConsoleTables() {}

    static String print(Table table) {
        Table shown = table.copy();
        for (var column : shown.columns()) {
            if (column instanceof DoubleColumn numbers) numbers.setPrintFormatter(FOUR_DIGITS);
        }
        return shown.printAll();
    }

    /** Publishes a result beside {@code csv} ({@link ResultFiles}), then shows its table and where it went. */
    static void publish(Path csv, ResultTable result) {
        Path json = ResultFiles.write(csv, result.table(), result.record());
        System.out.println(print(result.table()));
        System.out.println("wrote " + csv + " and " + json);
    }
}
