package org.sedlab.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    private KernelSettings(Map<String, String> env) {
        this.classpath = value(env, "CLASSPATH", "");
        this.startupScriptsPath = value(env, "STARTUP_SCRIPTS_PATH", "");
        this.startupScript = value(env, "STARTUP_SCRIPT", "");
        this.timeoutMillis = parseTimeout(value(env, "TIMEOUT", "-1"));
        this.compilerOptions = Arrays.stream(value(env, "COMPILER_OPTS", "").trim().split("\\s+"))
                .filter(option -> !option.isEmpty())
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

    private static long parseTimeout(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IJAVA_TIMEOUT / JJAVA_TIMEOUT must be milliseconds, got '" + text + "'");
        }
    }
}
