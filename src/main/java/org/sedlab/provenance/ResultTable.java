package org.sedlab.provenance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A computed result: its table and the record of how it was computed (settings and notes, in the
 * order they are written), as {@link ResultFiles} publishes them.
 */
public record ResultTable(Table table, Map<String, Object> record) {
    public ResultTable {
        record = Collections.unmodifiableMap(new LinkedHashMap<>(record));
    }
}
