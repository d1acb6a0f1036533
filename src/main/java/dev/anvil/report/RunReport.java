package dev.anvil.report;

import dev.anvil.AnvilException;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * {@code anvil report}: one self-contained HTML page for a run in the context of its history
 * (see {@link HtmlReport} for what it shows and {@link ReportData} for where it comes from).
 */
public final class RunReport {
    /** How much history the report looks at by default, counted back from the run. */
    public static final String DEFAULT_SINCE = "30d";

    private RunReport() {
    }

    /**
     * The page for {@code run} ({@code latest}, {@code latest~N}, an id prefix; null for the latest)
     * over the history {@code since} ({@code 30d}, a date, or a run) before it. An empty history gives
     * a page that says so.
     */
    public static String html(Jdbi jdbi, String historyName, String run, String since) {
        return HtmlReport.render(ReportData.collect(jdbi, historyName, run,
                since == null || since.isBlank() ? DEFAULT_SINCE : since, Instant.now()));
    }

    /** Writes the page to {@code output}, replacing it only once complete; returns its size in bytes. */
    public static long write(Jdbi jdbi, String historyName, String run, String since, Path output) {
        String page = html(jdbi, historyName, run, since);
        Path target = output.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new AnvilException(target + ": is a folder; give a file name for the report (e.g. report.html)");
        }
        try {
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
            try {
                byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return bytes.length;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new AnvilException("cannot write the report " + target + ": " + e.getMessage(), e);
        }
    }
}
