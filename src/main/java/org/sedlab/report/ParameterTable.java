package org.sedlab.report;

import java.util.Arrays;
import org.sedlab.model.ParameterLayout;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A model's parameters as a table: PyTorch state-dict name, shape, size, and whether it is in the attention space. */
public final class ParameterTable {
    private ParameterTable() {}

    public static Table of(ParameterLayout layout) {
        StringColumn name = StringColumn.create("parameter");
        StringColumn shape = StringColumn.create("shape");
        LongColumn size = LongColumn.create("values");
        BooleanColumn attention = BooleanColumn.create("attention space");
        for (String key : layout.stateDictOrder()) {
            ParameterLayout.Slot slot = layout.slot(key);
            name.append(key);
            shape.append(Arrays.toString(slot.shape()));
            size.append(slot.size());
            attention.append(key.endsWith("in_proj_weight") || key.endsWith("out_proj.weight"));
        }
        return Table.create("parameters: " + layout.size() + " in all, " + layout.attentionSize() + " in the attention space",
                name, shape, size, attention);
    }
}
