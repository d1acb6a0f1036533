package dev.anvil.history.engine;

import dev.anvil.AnvilException;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A PostgreSQL history named by URL: {@code postgresql://user@host:5432/anvil?sslmode=require}
 * (also {@code postgres://} and the JDBC form {@code jdbc:postgresql://host/db?user=...}).
 *
 * <p>The password comes from the URL, else {@code PGPASSWORD}, else the password file
 * ({@code PGPASSFILE} or {@code ~/.pgpass}, libpq's format). It never leaves this record except
 * into the driver: {@link #toString()} and {@link #masked()} show {@code ***} in its place, and
 * {@link #withoutPassword()} is what may be written down (a kernelspec, a spool folder's name).
 */
public final class PostgresUrl {
    private static final int DEFAULT_PORT = 5432;
    /** Seconds to wait for a server's TCP connection before saying it is unreachable. */
    private static final int CONNECT_TIMEOUT_S = 10;
    /**
     * Seconds for the whole login (connect, TLS, password exchange): generous, since a cold JVM on
     * a loaded CI machine can take seconds for its first TLS or SCRAM login; a server that refuses
     * answers at once anyway.
     */
    private static final int LOGIN_TIMEOUT_S = 60;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final boolean passwordInUrl;
    private final Map<String, String> params;

    private PostgresUrl(String host, int port, String database, String user, String password, boolean passwordInUrl,
                        Map<String, String> params) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.passwordInUrl = passwordInUrl;
        this.params = params;
    }

    /** Whether the text names a PostgreSQL database rather than a file. */
    public static boolean looksLike(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("postgresql://") || t.startsWith("postgres://") || t.startsWith("jdbc:postgresql:");
    }

    /** Parses the URL, taking the user and password from it or from the environment as libpq does. */
    public static PostgresUrl parse(String text, Map<String, String> env) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = t.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("jdbc:postgresql:")) {
            rest = "localhost/" + t.substring("jdbc:postgresql:".length()); // jdbc:postgresql:anvil
        } else if (lower.startsWith("postgresql://")) {
            rest = t.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = t.substring("postgres://".length());
        } else {
            throw new AnvilException("not a PostgreSQL URL: " + maskText(t));
        }
        Map<String, String> params = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                params.put(k, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, q);
        }
        String user = params.remove("user");
        String password = params.remove("password");
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) {
                password = decode(info.substring(colon + 1));
            }
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
        String host = hostPort;
        int port = DEFAULT_PORT;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new AnvilException("bad port '" + hostPort.substring(colon + 1) + "' in the PostgreSQL URL " + maskText(t));
            }
        }
        if (host.isEmpty()) {
            host = env.getOrDefault("PGHOST", "localhost");
        }
        if (user == null || user.isEmpty()) {
            user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        }
        if (database.isEmpty()) {
            database = env.getOrDefault("PGDATABASE", user);
        }
        boolean inUrl = password != null;
        if (password == null) {
            password = env.get("PGPASSWORD");
        }
        if (password == null) {
            password = PgPass.lookup(PgPass.file(env), host, port, database, user).orElse(null);
        }
        return new PostgresUrl(host, port, database, user, password, inUrl, Map.copyOf(params));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The URL a user would write, with the password (if the URL had one) shown as {@code ***}. */
    public String masked() {
        return render(passwordInUrl ? "***" : null);
    }

    /** The URL without any password: safe to store and to show. */
    public String withoutPassword() {
        return render(null);
    }

    private String render(String shownPassword) {
        String query = params.isEmpty() ? "" : "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        return "postgresql://" + user + (shownPassword == null ? "" : ":" + shownPassword) + "@" + host + ":" + port
                + "/" + database + query;
    }

    /** A name for local folders that belong to this history (spool, logs, worktrees): no password, no separators. */
    public String localKey() {
        return (host + "-" + port + "-" + database + "-" + user).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The driver's data source: credentials set as properties, never in a URL that could be logged. */
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {host});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser(user);
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setApplicationName("anvil");
        ds.setConnectTimeout(CONNECT_TIMEOUT_S);
        ds.setLoginTimeout(LOGIN_TIMEOUT_S);
        // Batches of inserts go as one multi-row statement: pushing a year takes seconds, not minutes.
        ds.setReWriteBatchedInserts(true);
        for (Map.Entry<String, String> p : params.entrySet()) {
            try {
                ds.setProperty(p.getKey(), p.getValue());
            } catch (java.sql.SQLException e) {
                throw new AnvilException("unknown parameter '" + p.getKey() + "' in the PostgreSQL URL " + masked());
            }
        }
        return ds;
    }

    /** Masks whatever sits between "//user:" and "@" in text that did not even parse. */
    static String maskText(String text) {
        return text.replaceAll("(//[^/:@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostgresUrl u && u.withoutPassword().equals(withoutPassword());
    }

    @Override
    public int hashCode() {
        return withoutPassword().hashCode();
    }

    /** libpq's password file: lines of host:port:database:user:password, '*' matching anything. */
    static final class PgPass {
        private PgPass() {
        }

        static Path file(Map<String, String> env) {
            String explicit = env.get("PGPASSFILE");
            if (explicit != null && !explicit.isBlank()) {
                return Path.of(explicit);
            }
            String home = env.get("HOME");
            return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".pgpass");
        }

        static Optional<String> lookup(Path file, String host, int port, String database, String user) {
            List<String> lines;
            try {
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Optional.empty();
            }
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> f = fields(line);
                if (f.size() < 5) {
                    continue;
                }
                if (matches(f.get(0), host) && matches(f.get(1), String.valueOf(port)) && matches(f.get(2), database)
                        && matches(f.get(3), user)) {
                    return Optional.of(f.get(4));
                }
            }
            return Optional.empty();
        }

        private static boolean matches(String pattern, String value) {
            return pattern.equals("*") || pattern.equals(value);
        }

        /** Splits on ':' with backslash escapes; the password field takes the rest of the line. */
        private static List<String> fields(String line) {
            List<String> out = new java.util.ArrayList<>();
            StringBuilder cur = new StringBuilder();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else if (c == ':' && out.size() < 4) {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            out.add(cur.toString());
            return out;
        }
    }
}
