package dev.anvil.shell;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * JShell's local execution (snippets run in this JVM, on a class loader whose parent is the
 * application's), keeping the host object of each snippet's value, which JShell itself turns into
 * text. Each snippet runs on its own thread so {@link #stop()} can end a runaway one, as
 * {@code LocalExecutionControl} does.
 */
final class CapturingExecutionControl extends DirectExecutionControl {
    private final Object lock = new Object();
    private Thread running;
    private boolean stopRequested;
    private volatile Object lastValue;
    private volatile Throwable lastThrown;
    private volatile boolean lastStopped;
    /** Values shown as the console shows them ({@link ConsoleValues}) rather than as JShell does. */
    private final boolean console;

    CapturingExecutionControl() {
        this(false);
    }

    CapturingExecutionControl(boolean console) {
        this.console = console;
    }

    /** What the snippet that ran last threw, the host object (JShell keeps only its class name and text). */
    Throwable lastThrown() {
        return lastThrown;
    }

    /** Whether the snippet that ran last was stopped ({@link #stop()}). */
    boolean wasStopped() {
        return lastStopped;
    }

    /** The value of the snippet that ran last (null for statements and declarations without one). */
    Object lastValue() {
        return lastValue;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "anvil-snippet");
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        synchronized (lock) {
            stopRequested = false;
            running = thread;
        }
        lastValue = null;
        lastThrown = null;
        lastStopped = false;
        thread.start();
        try {
            thread.join();
        } finally {
            synchronized (lock) {
                running = null;
            }
        }
        boolean stopped;
        synchronized (lock) {
            stopped = stopRequested;
            stopRequested = false;
        }
        if (stopped || thrown[0] instanceof ThreadDeath) {
            lastStopped = true;
            throw new ExecutionControl.StoppedException();
        }
        if (thrown[0] != null) {
            lastThrown = thrown[0];
            throw new InvocationTargetException(thrown[0]);
        }
        lastValue = result[0];
        return text(result[0], console ? variableOf(doitMethod.getDeclaringClass(), result[0]) : null);
    }

    /** The host object of a variable, as {@link #varValue} read it last (for completion). */
    Object lastVariable() {
        return lastVariable;
    }

    private volatile Object lastVariable;

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        lastVariable = null;
        try {
            java.lang.reflect.Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            Object value = field.get(null);
            lastVariable = value;
            return text(value, varName);
        } catch (ReflectiveOperationException e) {
            return super.varValue(className, varName);
        }
    }

    private String text(Object value, String name) {
        String shown = console ? ConsoleValues.text(value, name) : null;
        return shown != null ? shown : valueString(value);
    }

    /** The name JShell gave the value: the one static field of the snippet's class holding it ({@code $3}, {@code t}). */
    private static String variableOf(Class<?> snippetClass, Object value) {
        if (value == null) {
            return null;
        }
        for (java.lang.reflect.Field f : snippetClass.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                try {
                    f.setAccessible(true);
                    if (f.get(null) == value) {
                        return f.getName();
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not readable: go on
                }
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings("deprecation") // Thread.stop is how JShell's own local execution stops a snippet
    public void stop() {
        synchronized (lock) {
            if (running != null) {
                stopRequested = true;
                running.stop();
            }
        }
    }

    /** Hands one instance to JShell and keeps it for the shell. */
    static final class Provider implements ExecutionControlProvider {
        private final CapturingExecutionControl control = new CapturingExecutionControl();

        CapturingExecutionControl control() {
            return control;
        }

        @Override
        public String name() {
            return "anvil-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
