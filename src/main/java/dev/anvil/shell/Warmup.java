package dev.anvil.shell;

/**
 * Starts costly one-time initializations on a background thread, so they overlap with other start-up
 * work on a second core. Tablesaw's {@code Table} scans the class path for readers and writers when
 * its class initializes (ClassGraph over the whole jar): a few hundred milliseconds that every front
 * end pays before its first table. Whichever thread needs the class first waits for the other.
 */
final class Warmup {
    private static volatile boolean started;

    private Warmup() {
    }

    static void tablesaw() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(() -> {
            try {
                Class.forName("tech.tablesaw.api.Table", true, Warmup.class.getClassLoader());
            } catch (Throwable e) {
                // the thread that uses Table will meet the same problem and report it
            }
        }, "anvil-warmup-tablesaw");
        t.setDaemon(true);
        t.start();
    }
}
