package dev.anvil.kernel;

import dev.anvil.AnvilException;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The connection file Jupyter hands a kernel: where to listen and the key that signs every
 * message. Refused when it would leave the kernel open: no key (messages would go unsigned) or a
 * signature scheme other than an HMAC.
 */
final class ConnectionFile {
    private static final Set<String> SCHEMES = Set.of("hmac-sha256", "hmac-sha512", "hmac-sha1");
    private static final Set<String> TRANSPORTS = Set.of("tcp", "ipc");

    private ConnectionFile() {
    }

    static KernelConnectionProperties read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AnvilException(file + ": cannot read the connection file: " + e.getMessage(), e);
        }
        KernelConnectionProperties p;
        try {
            p = KernelConnectionProperties.parse(json);
        } catch (RuntimeException e) {
            throw new AnvilException(file + ": not a Jupyter connection file: " + e.getMessage(), e);
        }
        if (p == null || p.getIp() == null || p.getTransport() == null) {
            throw new AnvilException(file + ": not a Jupyter connection file: transport and ip are required");
        }
        if (!TRANSPORTS.contains(p.getTransport())) {
            throw new AnvilException(file + ": unsupported transport '" + p.getTransport() + "': use tcp or ipc");
        }
        if (p.getKey() == null || p.getKey().isEmpty()) {
            throw new AnvilException(file + ": the connection file has no key; refusing to accept unsigned messages");
        }
        String scheme = p.getSignatureScheme() == null ? "" : p.getSignatureScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new AnvilException(file + ": unsupported signature_scheme '" + p.getSignatureScheme()
                    + "': use hmac-sha256");
        }
        return p;
    }

    /** True when the kernel is reachable only from this machine. */
    static boolean isLocalOnly(KernelConnectionProperties p) {
        if (p.getTransport().equals("ipc")) {
            return true;
        }
        try {
            return InetAddress.getByName(p.getIp()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
