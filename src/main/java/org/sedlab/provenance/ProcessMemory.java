package org.sedlab.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's peak resident memory, recorded with results (hosted sessions have about 2 GB). */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** Peak resident set size (VmHWM) in MiB, or NaN where /proc does not report it. */
    public static double peakRssMib() { return statusMib("VmHWM:"); }

    /** Resident set size now (VmRSS) in MiB, or NaN where /proc does not report it. */
    public static double rssMib() { return statusMib("VmRSS:"); }

    private static double statusMib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
