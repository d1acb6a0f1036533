package dev.anvil.record.importing;

import dev.anvil.AnvilException;
import dev.anvil.history.Ids;
import dev.anvil.history.ResultStatus;
import dev.anvil.history.StoryResult;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML ({@code <testsuites>} or a single {@code <testsuite>}): each {@code <testcase>} is a
 * story result whose id is {@code classname.name} (a test's full name, the same in every run), or
 * {@code name} alone when there is no classname or the classname is the mode (as Anvil's own JUnit
 * output writes it); its {@code time} the duration; a {@code <failure>} makes it failed, an
 * {@code <error>} error, a {@code <skipped>} skipped, with the element's {@code message} (or first
 * line of text) as the error message. The run starts at the earliest suite {@code timestamp} (UTC
 * when it has no zone; the file's modification time minus the total time when no suite has one),
 * and each result is placed after the ones before it (at least 1 ms later, so the history keeps the
 * report's order). Suite properties {@code anvil.runId}, {@code anvil.mode}, {@code anvil.label},
 * {@code anvil.sutRevision} and {@code anvil.status} (Anvil's JUnit output) say where the run came
 * from. A time beyond {@link #MAX_SECONDS} or a timestamp outside the years 1970-9999 is refused.
 */
final class JUnitReportReader {
    /** The longest duration taken seriously: a week. Beyond it, the file is wrong (time="1e308"). */
    static final double MAX_SECONDS = 7 * 24 * 3600;

    private JUnitReportReader() {
    }

    private record Case(String name, String classname, Duration time, ResultStatus status, String message, int line) {
    }

    /**
     * @param runId the id of the run to record, unless the file names its own ({@code anvil.runId})
     * @param mode  the mode it is recorded under: a classname equal to it is not part of the story id
     */
    static ParsedReport read(Path file, byte[] bytes, String runId, String mode) {
        Handler handler = new Handler(file);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            SAXParser parser = factory.newSAXParser();
            parser.parse(new ByteArrayInputStream(bytes), handler);
        } catch (SAXParseException e) {
            throw new AnvilException(file + ":" + e.getLineNumber() + ": not well-formed XML: " + e.getMessage(), e);
        } catch (SAXException e) {
            if (e.getCause() instanceof AnvilException a) {
                throw a;
            }
            throw new AnvilException(file + ": not JUnit XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException | IOException e) {
            throw new AnvilException(file + ": cannot read XML: " + e.getMessage(), e);
        }
        if (!handler.sawRoot) {
            throw new AnvilException(file + ": not JUnit XML: the root element must be <testsuites> or <testsuite>");
        }
        Map<String, String> props = handler.properties;
        String id = props.getOrDefault("anvil.runId", runId);
        String ownMode = props.get("anvil.mode");
        Duration total = handler.cases.stream().map(Case::time).reduce(Duration.ZERO, Duration::plus);
        Instant start = handler.earliest != null ? handler.earliest : modified(file).minus(total);
        start = start.truncatedTo(ChronoUnit.MILLIS);
        List<StoryResult> results = new ArrayList<>();
        Instant cursor = start;
        Instant previous = null;
        for (Case c : handler.cases) {
            cursor = cursor.plus(c.time()).truncatedTo(ChronoUnit.MILLIS);
            if (previous != null && !cursor.isAfter(previous)) {
                cursor = previous.plusMillis(1); // keep the report's order: the history orders results by time
            }
            previous = cursor;
            String story = c.classname() == null || c.classname().isBlank() || c.classname().equals(mode)
                    || c.classname().equals(ownMode) ? c.name() : c.classname() + "." + c.name();
            results.add(new StoryResult(Ids.newId(), id, story, story, null, c.status(), c.time().toMillis(), c.message(),
                    List.of(), cursor.truncatedTo(ChronoUnit.MILLIS), null, null, null, List.of()));
        }
        Instant end = handler.suiteTime != null && handler.earliest != null
                ? start.plus(handler.suiteTime.compareTo(total) > 0 ? handler.suiteTime : total) : cursor;
        Provenance provenance = props.isEmpty() ? null : new Provenance(props.get("anvil.runId"), ownMode,
                props.get("anvil.label"), props.get("anvil.sutRevision"), props.get("anvil.status"));
        return new ParsedReport(start, end.truncatedTo(ChronoUnit.MILLIS), results, provenance);
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Handler extends DefaultHandler {
        private final Path file;
        private Locator locator;
        final List<Case> cases = new ArrayList<>();
        final Map<String, String> properties = new HashMap<>();
        boolean sawRoot;
        Instant earliest;
        Duration suiteTime;
        private int depth;

        private String name;
        private String classname;
        private Duration time;
        private int line;
        private ResultStatus status;
        private String message;
        private StringBuilder text;

        Handler(Path file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attrs) throws SAXException {
            depth++;
            if (depth == 1) {
                if (!qName.equals("testsuites") && !qName.equals("testsuite")) {
                    throw fail("not JUnit XML: the root element is <" + qName + ">, expected <testsuites> or <testsuite>");
                }
                sawRoot = true;
            }
            switch (qName) {
                case "testsuite" -> {
                    String ts = attrs.getValue("timestamp");
                    if (ts != null && !ts.isBlank()) {
                        Instant t = timestamp(ts);
                        earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
                    }
                    Duration d = seconds(attrs.getValue("time"), "testsuite time");
                    if (d != null) {
                        suiteTime = suiteTime == null ? d : suiteTime.plus(d);
                    }
                }
                case "testcase" -> {
                    name = attrs.getValue("name");
                    if (name == null || name.isBlank()) {
                        throw fail("testcase without a name");
                    }
                    classname = attrs.getValue("classname");
                    Duration d = seconds(attrs.getValue("time"), "testcase time");
                    time = d == null ? Duration.ZERO : d;
                    line = locator == null ? 0 : locator.getLineNumber();
                    status = ResultStatus.PASSED;
                    message = null;
                }
                case "property" -> {
                    String key = attrs.getValue("name");
                    String value = attrs.getValue("value");
                    if (key != null && key.startsWith("anvil.") && value != null && !value.isBlank() && name == null) {
                        properties.putIfAbsent(key, value.strip());
                    }
                }
                case "failure", "error", "skipped" -> {
                    if (name != null) {
                        ResultStatus s = qName.equals("failure") ? ResultStatus.FAILED
                                : qName.equals("error") ? ResultStatus.ERROR : ResultStatus.SKIPPED;
                        if (status == ResultStatus.PASSED || s == ResultStatus.ERROR) {
                            status = s;
                            String m = attrs.getValue("message");
                            message = m == null || m.isBlank() ? null : m.strip();
                            text = message == null ? new StringBuilder() : null;
                        }
                    }
                }
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            depth--;
            if ((qName.equals("failure") || qName.equals("error") || qName.equals("skipped")) && text != null) {
                String t = text.toString().strip();
                message = t.isEmpty() ? null : t.lines().findFirst().orElse(null);
                text = null;
            }
            if (qName.equals("testcase") && name != null) {
                cases.add(new Case(name, classname, time, status, message, line));
                name = null;
            }
        }

        private Instant timestamp(String ts) throws SAXException {
            String t = ts.strip();
            Instant at;
            try {
                at = OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    at = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    throw fail("testsuite timestamp is not a date and time: '" + ts + "'");
                }
            }
            int year = at.atZone(ZoneOffset.UTC).getYear();
            if (year < 1970 || year > 9999) {
                throw fail("testsuite timestamp '" + ts + "' is not a plausible time (years 1970 to 9999)");
            }
            return at;
        }

        private Duration seconds(String value, String what) throws SAXException {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                double s = Double.parseDouble(value.strip().replace(",", ""));
                if (s < 0 || Double.isNaN(s) || Double.isInfinite(s)) {
                    throw new NumberFormatException();
                }
                if (s > MAX_SECONDS) {
                    throw fail(what + " '" + value + "' is not a plausible duration (more than "
                            + (long) (MAX_SECONDS / 86400) + " days); nothing recorded");
                }
                return Duration.ofNanos(Math.round(s * 1e9));
            } catch (NumberFormatException e) {
                throw fail(what + " is not a number of seconds: '" + value + "'");
            }
        }

        private SAXException fail(String message) {
            int l = locator == null ? 0 : locator.getLineNumber();
            return new SAXException(new AnvilException(file + (l > 0 ? ":" + l : "") + ": " + message));
        }
    }
}
