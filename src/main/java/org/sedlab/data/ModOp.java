package org.sedlab.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The four binary operations of the paper, each with its pair domain. */
public enum ModOp {
    ADD("add", 0) {
        @Override public int apply(int a, int b, int p) { return (a + b) % p; }
    },
    SUB("sub", 0) {
        @Override public int apply(int a, int b, int p) { return Math.floorMod(a - b, p); }
    },
    MUL("mul", 1) {
        @Override public int apply(int a, int b, int p) { return (int) ((long) a * b % p); }
    },
    SQ("sq", 0) {
        @Override public int apply(int a, int b, int p) { return (int) (((long) a * a + (long) b * b) % p); }
    };

    private final String id;
    private final int lowestOperand;

    ModOp(String id, int lowestOperand) {
        this.id = id;
        this.lowestOperand = lowestOperand;
    }

    /** The result op(a, b) mod p for operands already in [0, p). */
    public abstract int apply(int a, int b, int p);

    /** Name used on the command line, in file names and in the multitask head keys. */
    public String id() { return id; }

    /** Operands range over [lowestOperand, p); mul leaves out 0 (the author's domain). */
    public int lowestOperand() { return lowestOperand; }

    public static ModOp parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ModOp op : values()) {
            if (op.id.equals(key)) return op;
        }
        throw new IllegalArgumentException("unknown op '" + name + "': choose one of "
                + Arrays.stream(values()).map(ModOp::id).collect(Collectors.joining(", ")));
    }

    @Override public String toString() { return id; }
}
