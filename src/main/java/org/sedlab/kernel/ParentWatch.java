package org.sedlab.kernel;

import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone, so a client killed with SIGKILL (a notebook
 * server, a jupyter_client script) leaves no kernel behind holding its heap. The process watched is the one
 * named by JPY_PARENT_PID, jupyter_client's convention, else this JVM's parent.
 */
final class ParentWatch {

    private ParentWatch() {
    }

    /** Exits this JVM once the watched process has ended; at once if it is already gone. */
    static void exitWhenGone(Map<String, String> env) {
        watched(env, System.getProperty("os.name")).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> exit("its client (process " + parent.pid() + ") ended")),
                () -> exit("its client had ended before it started"));
    }

    /**
     * The process to watch. On Windows, JPY_PARENT_PID holds a handle for the kernel to wait on, not a
     * process id, so there only the parent counts.
     */
    static Optional<ProcessHandle> watched(Map<String, String> env, String osName) {
        String named = env.get("JPY_PARENT_PID");
        if (named != null && !osName.startsWith("Windows")) {
            try {
                return ProcessHandle.of(Long.parseLong(named.trim()));
            } catch (NumberFormatException e) {
                // not a process id: watch the parent instead
            }
        }
        return ProcessHandle.current().parent();
    }

    private static void exit(String why) {
        LoggerFactory.getLogger(ParentWatch.class).warn("The kernel exits: {}", why);
        System.exit(0);
    }
}
