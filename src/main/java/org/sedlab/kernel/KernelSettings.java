package org.sedlab.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The kernel's settings from environment variables, under JJava's names (JJAVA_*) or IJava's
 * (IJAVA_*); when both are set, JJava's wins.
 */
public final class KernelSettings {

    /** Extra classpath entries (globs allowed), separated by the path separator. */
    public final String classpath;
    /** Globs of .jshell files to run at startup, separated by the path separator. */
    public final String startupScriptsPath;
    /** Java code to run at startup, after the scripts. */
    public final String startupScript;
    /** A snippet running longer than this is stopped; 0 or less means never. */
    public final long timeoutMillis;
    /** Extra javac options for every cell, e.g. --enable-preview. */
    public final List<String> compilerOptions;
    /** Options for the kernel's JVM (cells run in it), e.g. -Xmx4g; KernelMain restarts the JVM with them. */
    public final List<String> jvmOptions;

    private KernelSettings(Map<String, String> env) {
        this.classpath = value(env, "CLASSPATH", "");
        this.startupScriptsPath = value(env, "STARTUP_SCRIPTS_PATH", "");
        this.startupScript = value(env, "STARTUP_SCRIPT", "");
        this.timeoutMillis = parseTimeout(value(env, "TIMEOUT", "-1"));
        this.compilerOptions = words(value(env, "COMPILER_OPTS", ""));
        this.jvmOptions = words(value(env, "JVM_OPTS", ""));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.toUnmodifiableList());
    }

    public static KernelSettings fromEnvironment(Map<String, String> env) {
        return new KernelSettings(env);
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String jjava = env.get("JJAVA_" + name);
        if (jjava != null) {
            return jjava;
        }
        return env.getOrDefault("IJAVA_" + name, fallback);
    }

    /** As IJava reads it: milliseconds, or a number and a TimeUnit name ("30 SECONDS", "2 minutes"). */
    private static long parseTimeout(String text) {
        String[] parts = text.trim().split("\\s+");
        try {
            long amount = Long.parseLong(parts[0]);
            if (parts.length == 1) {
                return amount;
            }
            if (parts.length == 2) {
                String unit = parts[1].toUpperCase(Locale.ROOT);
                return TimeUnit.valueOf(unit.endsWith("S") ? unit : unit + "S").toMillis(amount);
            }
        } catch (IllegalArgumentException e) {
            // said below, with the text as given
        }
        throw new IllegalArgumentException("IJAVA_TIMEOUT / JJAVA_TIMEOUT must be milliseconds or a number and a unit"
                + " (e.g. 30 SECONDS), got '" + text + "'");
    }
}
