package dev.anvil.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The library's connection, hardened. jjava-jupyter checks every message's HMAC signature and
 * throws on a bad one, but nothing catches that exception in the shell and control loops: the
 * loop thread dies and the kernel stops answering, so one forged message would take the kernel
 * down. Here each loop gets an error callback that drops the message, logs it and keeps
 * serving. The callbacks are installed while this thread holds both sockets' locks (reading a
 * message takes that lock), so no message is read before its loop is guarded.
 */
final class GuardedConnection extends JupyterConnection {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedConnection.class);

    private final AtomicLong dropped = new AtomicLong();

    GuardedConnection(KernelConnectionProperties properties) throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
    }

    @Override
    public void connect() {
        synchronized (shell) {
            synchronized (control) {
                super.connect();
                guard(shell, "shell");
                guard(control, "control");
            }
        }
    }

    long droppedMessages() {
        return dropped.get();
    }

    private void guard(ShellChannel channel, String name) {
        loopOf(channel).onError(error -> {
            dropped.incrementAndGet();
            if (error instanceof SecurityException) {
                LOG.warn("dropped a {} message with an invalid or missing HMAC signature", name);
            } else {
                LOG.warn("dropped a malformed {} message: {}", name, error.toString());
            }
            return 0L;
        });
    }

    /** The loop thread is private to the channel; it exposes no other way to attach the callback. */
    private static Loop loopOf(ShellChannel channel) {
        try {
            Field f = ShellChannel.class.getDeclaredField("ioloop");
            f.setAccessible(true);
            Loop loop = (Loop) f.get(channel);
            if (loop == null) {
                throw new IllegalStateException("the channel has no loop after connecting");
            }
            return loop;
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("cannot guard the Jupyter channel (jjava-jupyter changed?): " + e, e);
        }
    }
}
