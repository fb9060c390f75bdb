package org.sedlab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.sedlab.sweep.Seeds;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table's per-seed columns, named "seed N". A table shows the paper's seeds always (a cell stays
 * empty until its unit is computed) and each further seed of its part once that seed has results,
 * so the tables grow with the sweep instead of showing columns of blanks. Verdicts read every
 * "seed N" column a table has.
 */
public final class SeedColumns {
    private static final String PREFIX = "seed ";

    private SeedColumns() {}

    /** The paper's seeds, then those of a part's further seeds that have results. */
    public static List<Long> shown(List<Long> partSeeds, LongPredicate hasResults) {
        List<Long> shown = new ArrayList<>(Seeds.PAPER);
        for (long seed : partSeeds) if (!shown.contains(seed) && hasResults.test(seed)) shown.add(seed);
        return shown;
    }

    /** The name of a seed's column. */
    public static String name(long seed) { return PREFIX + seed; }

    /** One empty column per seed, in order. */
    public static DoubleColumn[] create(List<Long> seeds) {
        return seeds.stream().map(s -> DoubleColumn.create(name(s))).toArray(DoubleColumn[]::new);
    }

    /** The seeds a table has columns for, in column order. */
    public static List<Long> of(Table table) {
        List<Long> seeds = new ArrayList<>();
        for (Column<?> c : table.columns()) if (c.name().startsWith(PREFIX)) seeds.add(Long.parseLong(c.name().substring(PREFIX.length())));
        return seeds;
    }

    /** The per-seed cells of a table's first row, in column order. */
    public static double[] cells(Table row) {
        return of(row).stream().mapToDouble(s -> row.doubleColumn(name(s)).getDouble(0)).toArray();
    }
}
