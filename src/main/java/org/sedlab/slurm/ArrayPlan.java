package org.sedlab.slurm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sedlab.sweep.SweepUnit;

/**
 * The units of a sweep still to do, numbered as array task indices, in one job array per dependency
 * level: level 0 needs nothing still to do, level n needs something of level n-1. Array n starts once
 * array n-1 has ended, so a unit's inputs are done or have failed by the time its task starts, and no
 * task sits on an allocation waiting for a training of hours.
 *
 * @param units  the units to do; a unit's array task index is its position here
 * @param arrays index ranges, one per level, in order
 */
public record ArrayPlan(List<SweepUnit> units, List<Range> arrays) {
    /** Array task indices {@code first..last}, both included. */
    public record Range(int first, int last) {
        /** As {@code sbatch --array} takes it, with the limit on tasks at once. */
        public String spec(int maxParallel) { return first + "-" + last + "%" + maxParallel; }
    }

    /** Plans the units not done yet; the sweep's order is kept within a level. */
    public static ArrayPlan of(List<SweepUnit> sweep) {
        Map<String, SweepUnit> todo = new LinkedHashMap<>();
        for (SweepUnit u : sweep) if (!u.isDone()) todo.put(u.id(), u);
        Map<String, Integer> levels = new HashMap<>();
        for (SweepUnit u : todo.values()) level(u, todo, levels);
        List<SweepUnit> ordered = new ArrayList<>(todo.values());
        ordered.sort(Comparator.comparingInt(u -> levels.get(u.id()))); // stable: sweep order within a level
        List<Range> arrays = new ArrayList<>();
        int first = 0;
        for (int i = 1; i <= ordered.size(); i++) {
            if (i == ordered.size() || !levels.get(ordered.get(i).id()).equals(levels.get(ordered.get(first).id()))) {
                arrays.add(new Range(first, i - 1));
                first = i;
            }
        }
        return new ArrayPlan(List.copyOf(ordered), List.copyOf(arrays));
    }

    private static int level(SweepUnit u, Map<String, SweepUnit> todo, Map<String, Integer> levels) {
        Integer known = levels.get(u.id());
        if (known != null) return known;
        int level = 0;
        for (String need : u.dependsOn()) {
            SweepUnit input = todo.get(need);
            if (input != null) level = Math.max(level, 1 + level(input, todo, levels));
        }
        levels.put(u.id(), level);
        return level;
    }
}
