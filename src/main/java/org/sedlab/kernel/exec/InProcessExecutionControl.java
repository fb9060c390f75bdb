package org.sedlab.kernel.exec;

import jdk.jshell.execution.DirectExecutionControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs each snippet on a fresh thread of the kernel's own JVM and keeps the real result object.
 * JShell's protocol only carries a string back from {@code invoke}; we return a key into
 * {@link #takeValue} instead, so the kernel can render the object itself (a chart, a table).
 * A timeout or {@link #stop()} ends a runaway snippet, busy loops in cell code included (SnippetGuard).
 */
final class InProcessExecutionControl extends DirectExecutionControl {

    /** Why the last snippet did not finish on its own; null when it did. */
    enum Stop { INTERRUPTED, TIMED_OUT }

    private static final String KEY_PREFIX = "sedlab-value-";
    private static final long GRACE_MILLIS = 300;
    private static final long ABANDON_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(InProcessExecutionControl.class);

    private final ClassLoader contextLoader;
    private final long timeoutMillis;
    private final Map<String, Object> values = new HashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    /** Innermost first: a cell may evaluate code itself (%load, eval()), nesting snippet threads. */
    private final Deque<Thread> running = new ConcurrentLinkedDeque<>();
    private volatile Stop stopReason;
    private volatile Throwable lastThrown;

    InProcessExecutionControl(NotebookClassLoader loader, long timeoutMillis) {
        super(new SnippetLoaderDelegate(loader));
        this.contextLoader = loader;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        if (stopReason != null) {
            throw new StoppedException(); // interrupted while JShell was still compiling this cell
        }
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = doit.invoke(null);
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "notebook-cell");
        // ServiceLoader-based libraries (ND4J finds its backend this way) look at the context loader.
        thread.setContextClassLoader(contextLoader);
        thread.setDaemon(true);
        running.push(thread);
        try {
            thread.start();
            thread.join(timeoutMillis > 0 ? timeoutMillis : 0);
            if (thread.isAlive()) {
                halt(thread, Stop.TIMED_OUT);
            }
        } finally {
            running.remove(thread);
        }
        if (stopReason != null) {
            throw new StoppedException();
        }
        if (thrown[0] != null) {
            lastThrown = thrown[0];
            throw new InvocationTargetException(thrown[0]);
        }
        String key = KEY_PREFIX + nextKey.incrementAndGet();
        synchronized (values) {
            values.put(key, result[0]);
        }
        return key;
    }

    /** Interrupts the snippets now running, if any. */
    @Override
    public void stop() {
        for (Thread thread : running) {
            halt(thread, Stop.INTERRUPTED);
        }
    }

    /** Interrupts the cell being evaluated: what runs now, and every snippet it has yet to run. */
    void stopCell() {
        if (stopReason == null) {
            stopReason = Stop.INTERRUPTED;
        }
        stop();
    }

    /**
     * Stops the thread's cell code at its next stop check (SnippetGuard) and interrupts it, which ends a
     * wait or sleep. A busy loop inside a library has no check: where the JVM still has Thread.stop
     * (before Java 20) that ends it; otherwise, or if even that fails, it is left running in the
     * background rather than hanging the kernel.
     */
    @SuppressWarnings("removal")
    private void halt(Thread thread, Stop reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        SnippetGuard.stop(thread);
        thread.interrupt();
        try {
            thread.join(GRACE_MILLIS);
            if (thread.isAlive() && Runtime.version().feature() < 20) {
                thread.stop();
                thread.join(ABANDON_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            SnippetGuard.release(thread);
        }
        if (thread.isAlive()) {
            LOG.warn("Cell thread {} did not stop; it is left running in the background", thread.getName());
        }
    }

    /** Forgets the previous cell's values and stop state. */
    void beginCell() {
        synchronized (values) {
            values.clear();
        }
        stopReason = null;
        lastThrown = null;
    }

    /** The object a snippet produced, given the value string JShell reported for it. */
    Object takeValue(String key) {
        synchronized (values) {
            return values.remove(key);
        }
    }

    boolean holdsValue(String key) {
        synchronized (values) {
            return key != null && values.containsKey(key);
        }
    }

    Stop stopReason() {
        return stopReason;
    }

    /** The real exception the last failing snippet threw (JShell only keeps a copy of its trace). */
    Throwable lastThrown() {
        return lastThrown;
    }
}
