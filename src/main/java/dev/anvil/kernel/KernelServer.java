package dev.anvil.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Runs the kernel for one connection file until a client asks it to shut down: binds the five
 * channels on exactly the transport, address and ports of the file, answers messages, and turns
 * SIGINT into an interrupt of the running cell (as the interrupt_request message does) instead of
 * ending the JVM.
 */
public final class KernelServer {
    private static final Logger LOG = LoggerFactory.getLogger(KernelServer.class);

    private KernelServer() {
    }

    public static void run(Path connectionFile, EngineFactory engines, int maxTableRows) {
        KernelConnectionProperties props = ConnectionFile.read(connectionFile);
        if (!ConnectionFile.isLocalOnly(props)) {
            LOG.warn("listening on {}, which other machines may reach; every message must still carry the key's signature",
                    props.getIp());
        }
        org.dflib.jjava.jupyter.kernel.JupyterIO io = AnvilKernel.newIO();
        CellEngine engine = engines.start(io.out, io.err);
        AnvilKernel kernel = new AnvilKernel(engine, io, maxTableRows);
        GuardedConnection connection;
        try {
            connection = new GuardedConnection(props);
        } catch (java.security.GeneralSecurityException e) {
            engine.close();
            throw new dev.anvil.AnvilException(connectionFile + ": cannot use the key: " + e.getMessage(), e);
        }
        kernel.becomeHandlerForConnection(connection);
        interruptOnSigint(kernel);
        connection.connect();
        kernel.onStartup();
        LOG.info("Anvil kernel listening on {}://{} (shell {}, control {}, iopub {}, stdin {}, heartbeat {})",
                props.getTransport(), props.getIp(), props.getShellPort(), props.getControlPort(),
                props.getIopubPort(), props.getStdinPort(), props.getHbPort());
        connection.waitUntilClose();
        LOG.info("Anvil kernel shut down ({} bad messages dropped)", connection.droppedMessages());
    }

    @SuppressWarnings("restriction")
    private static void interruptOnSigint(AnvilKernel kernel) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> kernel.interrupt());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.debug("SIGINT cannot be handled here; interrupts come as messages only", e);
        }
    }
}
