package dev.anvil.history;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of this machine as recorded on runs. */
public final class Hosts {
    private static String cached;

    private Hosts() {
    }

    public static synchronized String localName() {
        if (cached == null) {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                cached = env;
            } else {
                try {
                    cached = InetAddress.getLocalHost().getHostName();
                } catch (UnknownHostException e) {
                    cached = "unknown";
                }
            }
        }
        return cached;
    }
}
