package org.sedlab.kernel.exec;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/** Hands JShell the one execution control the notebook built, so the notebook keeps a handle on it. */
final class FixedExecutionProvider implements ExecutionControlProvider {

    private final ExecutionControl control;

    FixedExecutionProvider(ExecutionControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "sedlab-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
