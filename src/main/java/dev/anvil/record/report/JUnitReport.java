package dev.anvil.record.report;

import dev.anvil.AnvilException;
import dev.anvil.history.ExpectationResult;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.Run;
import dev.anvil.history.StoryResult;
import dev.anvil.history.Timestamps;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A run as JUnit XML, the form Jenkins, GitLab and GitHub's test reporters read: one
 * {@code <testsuite>} for the run, one {@code <testcase>} per story with {@code classname} = the
 * mode and {@code name} = the story id; a failed story has a {@code <failure>} whose message is
 * its error and whose text lists every expectation's outcome, an error (infrastructure) an
 * {@code <error>}, a skipped one {@code <skipped>}. The suite's properties carry the run's id, mode,
 * label, revision and status ({@code anvil.*}), so importing the file ({@code anvil import},
 * {@code record --import}) gives back the same run. Only the Ant/Surefire schema's elements and
 * attributes are used, so strict readers accept it.
 */
public final class JUnitReport {
    private static final DateTimeFormatter ANT_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private JUnitReport() {
    }

    public static String xml(Run run, List<StoryResult> results) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            int failures = 0;
            int errors = 0;
            int skipped = 0;
            long totalMs = 0;
            for (StoryResult r : results) {
                switch (r.status()) {
                    case FAILED -> failures++;
                    case ERROR -> errors++;
                    case SKIPPED -> skipped++;
                    default -> { }
                }
                totalMs += r.durationMs() == null ? 0 : r.durationMs();
            }
            String time = seconds(run.duration() != null ? run.duration().toMillis() : totalMs);
            w.writeStartElement("testsuites");
            attr(w, "name", "anvil");
            counts(w, results.size(), failures, errors, skipped, time);
            w.writeCharacters("\n  ");
            w.writeStartElement("testsuite");
            attr(w, "name", run.mode());
            counts(w, results.size(), failures, errors, skipped, time);
            attr(w, "timestamp", ANT_TIMESTAMP.format(run.startedAt()));
            attr(w, "hostname", run.host() == null ? "localhost" : run.host());
            attr(w, "id", run.id());
            w.writeCharacters("\n    ");
            w.writeStartElement("properties");
            property(w, "anvil.runId", run.id());
            property(w, "anvil.mode", run.mode());
            property(w, "anvil.startedAt", Timestamps.format(run.startedAt()));
            property(w, "anvil.label", run.label());
            property(w, "anvil.sutRevision", run.sutRevision());
            property(w, "anvil.status", run.status() == null ? null : run.status().dbValue());
            w.writeCharacters("\n    ");
            w.writeEndElement();
            for (StoryResult r : results) {
                testcase(w, run, r);
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Writes the XML to {@code file}, replacing it only once complete. */
    public static void write(Path file, Run run, List<StoryResult> results) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new AnvilException(target + ": is a folder; give a file name for the JUnit XML (e.g. anvil-junit.xml)");
        }
        try {
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, xml(run, results), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new AnvilException("cannot write the JUnit XML " + target + ": " + e.getMessage(), e);
        }
    }

    private static void testcase(XMLStreamWriter w, Run run, StoryResult r) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement("testcase");
        attr(w, "name", r.storyId());
        attr(w, "classname", run.mode());
        attr(w, "time", seconds(r.durationMs() == null ? 0 : r.durationMs()));
        String message = r.errorMessage() != null ? r.errorMessage() : firstFailure(r.expectations());
        switch (r.status()) {
            case FAILED -> outcome(w, "failure", message, failedType(r.expectations()), expectations(r));
            case ERROR -> outcome(w, "error", message, "infrastructure", expectations(r));
            case SKIPPED -> {
                w.writeCharacters("\n      ");
                w.writeEmptyElement("skipped");
                if (message != null) {
                    attr(w, "message", message);
                }
            }
            default -> { }
        }
        String out = details(r);
        if (!out.isEmpty()) {
            w.writeCharacters("\n      ");
            w.writeStartElement("system-out");
            w.writeCharacters(clean(out));
            w.writeEndElement();
        }
        w.writeCharacters("\n    ");
        w.writeEndElement();
    }

    private static void outcome(XMLStreamWriter w, String element, String message, String type, String text)
            throws XMLStreamException {
        w.writeCharacters("\n      ");
        w.writeStartElement(element);
        attr(w, "message", message == null ? element : message);
        attr(w, "type", type);
        w.writeCharacters(clean(text));
        w.writeEndElement();
    }

    /** Every expectation's outcome, one a line: what a reader of the CI page wants below the message. */
    private static String expectations(StoryResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.errorMessage() != null) {
            sb.append(r.errorMessage()).append('\n');
        }
        for (ExpectationResult e : r.expectations()) {
            sb.append(e.status().dbValue()).append(": ").append(e.type())
                    .append(e.description() == null ? "" : " (" + e.description() + ")")
                    .append(e.message() == null ? "" : ": " + e.message()).append('\n');
        }
        return sb.toString();
    }

    private static String details(StoryResult r) {
        StringBuilder sb = new StringBuilder();
        line(sb, "story file", r.storyPath());
        line(sb, "language", r.language());
        line(sb, "kept worktree", r.worktreePath());
        line(sb, "agent log", r.logPath());
        if (!r.generatedFiles().isEmpty()) {
            line(sb, "generated files", String.join(", ", r.generatedFiles()));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        if (value != null && !value.isBlank()) {
            sb.append(key).append(": ").append(value).append('\n');
        }
    }

    private static String firstFailure(List<ExpectationResult> expectations) {
        return expectations.stream().filter(e -> e.status() == ResultStatus.FAILED)
                .map(e -> e.message() != null ? e.message() : e.type() + " failed").findFirst().orElse(null);
    }

    private static String failedType(List<ExpectationResult> expectations) {
        return expectations.stream().filter(e -> e.status() == ResultStatus.FAILED).map(ExpectationResult::type)
                .findFirst().orElse("failed");
    }

    private static void counts(XMLStreamWriter w, int tests, int failures, int errors, int skipped, String time)
            throws XMLStreamException {
        attr(w, "tests", String.valueOf(tests));
        attr(w, "failures", String.valueOf(failures));
        attr(w, "errors", String.valueOf(errors));
        attr(w, "skipped", String.valueOf(skipped));
        attr(w, "time", time);
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeCharacters("\n      ");
        w.writeEmptyElement("property");
        attr(w, "name", name);
        attr(w, "value", value);
    }

    private static void attr(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeAttribute(name, clean(value));
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    /** Drops what XML 1.0 cannot hold (control characters, lone surrogates); agent output has them. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (sb != null) {
                    sb.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF;
            if (!ok && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(ok ? c : '\uFFFD');
            }
        }
        return sb == null ? s : sb.toString();
    }
}
