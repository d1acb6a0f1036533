package dev.anvil.history;

import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Filling an empty PostgreSQL history the way PostgreSQL's documentation advises ("Populating a
 * Database": remove the indexes and foreign keys, load, create them again): a push of a whole
 * history into an empty team history spends most of the server's time keeping StoryResults' six
 * secondary indexes up to date row by row and checking each row's foreign key; built once over the
 * whole table, an index is one sort, and a foreign key is validated by one join (a year: 12-29 s
 * instead of 30-73 s, half the server's CPU, on the shared two-core machine of numbers.md).
 *
 * <p>{@link #begin(Handle)} reads the definitions of the secondary indexes (those no constraint
 * depends on: primary keys stay) and of the foreign keys of the tables a push fills, from the
 * catalogue, and drops them; {@link #finish(Handle)} creates them again from those definitions,
 * so a team's own additions survive as they were (what a definition does not hold is not kept:
 * a comment on an index or key, an index's tablespace or CLUSTER mark). All of it happens in the
 * caller's one transaction: PostgreSQL's DDL is transactional, so a failure anywhere rolls back to
 * the empty history with every index and constraint in place. The tables stay locked until the
 * commit: a console or a recorder meanwhile waits for the push instead of seeing an empty or
 * half-filled history without its indexes. The push in turn waits at most {@link #LOCK_WAIT} for
 * the tables, then goes the ordinary way.
 *
 * <p>Only for a role that owns the tables (checked in the catalogue, as dropping an index needs
 * it); a role with table privileges alone takes the ordinary path.
 */
final class BulkLoad {
    /** The tables a push fills (AuraResults too: its foreign key, checked row by row, made an Aura push 1.8x slower). */
    private static final List<String> FILLED = List.of("TestRuns", "StoryResults", "ExpectationResults", "AuraResults");
    private static final String TABLES = String.join(", ",
            FILLED.stream().map(t -> "'" + t.toLowerCase(java.util.Locale.ROOT) + "'::regclass").toList());

    /** An index or constraint: what to drop, and the statement that creates it as it was. */
    private record Definition(String drop, String create) {
    }

    private final List<Definition> indexes;
    private final List<Definition> foreignKeys;

    private BulkLoad(List<Definition> indexes, List<Definition> foreignKeys) {
        this.indexes = indexes;
        this.foreignKeys = foreignKeys;
    }

    /**
     * Within the caller's open transaction on a PostgreSQL history: when the role owns the tables
     * and, once they are locked, the history holds no runs, drops their secondary indexes and
     * foreign keys and returns what {@link #finish(Handle)} needs to create them again; otherwise
     * nothing is dropped and the result is empty.
     */
    static Optional<BulkLoad> begin(Handle h) {
        int owned = h.createQuery("SELECT count(*) FROM pg_class WHERE oid IN (" + TABLES + ") "
                + "AND pg_has_role(current_user, relowner, 'USAGE')").mapTo(Integer.class).one();
        if (owned != FILLED.size()) {
            return Optional.empty();
        }
        if (!lock(h)) {
            return Optional.empty(); // someone is reading or writing the empty history: no bulk load
        }
        if (h.createQuery("SELECT EXISTS (SELECT 1 FROM TestRuns)").mapTo(Boolean.class).one()) {
            return Optional.empty(); // a recorder came first
        }
        List<Definition> indexes = h.createQuery("SELECT 'DROP INDEX ' || i.indexrelid::regclass, pg_get_indexdef(i.indexrelid) "
                        + "FROM pg_index i WHERE i.indrelid IN (" + TABLES + ") "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1")
                .map((rs, ctx) -> new Definition(rs.getString(1), rs.getString(2))).list();
        List<Definition> foreignKeys = h.createQuery("SELECT 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' "
                        + "|| quote_ident(conname), 'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' "
                        + "|| quote_ident(conname) || ' ' || pg_get_constraintdef(oid) "
                        + "FROM pg_constraint WHERE contype = 'f' AND conrelid IN (" + TABLES + ") ORDER BY 1")
                .map((rs, ctx) -> new Definition(rs.getString(1), rs.getString(2))).list();
        for (Definition d : foreignKeys) {
            run(h, d.drop());
        }
        for (Definition d : indexes) {
            run(h, d.drop());
        }
        return Optional.of(new BulkLoad(indexes, foreignKeys));
    }

    /**
     * Takes the tables for the load, waiting at most {@link #LOCK_WAIT}: a session that holds them
     * (a console or notebook in an open transaction, a recorder starting its run) would otherwise
     * hold the push for as long as it stays. Given up, the wait is undone to a savepoint so that
     * the same transaction goes on the ordinary way, which those sessions do not block.
     */
    private static boolean lock(Handle h) {
        run(h, "SAVEPOINT bulk_load_lock");
        run(h, "SET LOCAL lock_timeout = '" + LOCK_WAIT + "'");
        try {
            run(h, "LOCK TABLE " + String.join(", ", FILLED) + " IN ACCESS EXCLUSIVE MODE");
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                run(h, "ROLLBACK TO SAVEPOINT bulk_load_lock");
                return false;
            }
            throw e;
        }
        run(h, "SET LOCAL lock_timeout TO DEFAULT"); // the session's own setting again
        run(h, "RELEASE SAVEPOINT bulk_load_lock");
        return true;
    }

    /** How long a push waits for the tables of an empty history before it takes the ordinary way. */
    static final String LOCK_WAIT = "5s";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /**
     * Creates the indexes and foreign keys again, still within the caller's transaction. The
     * sorts get 256 MB instead of the default 64 MB (on a year, the six indexes took 7-9 s either
     * way, about 0.5 s less with 256 MB in five of seven paired tries; a bigger history's sorts
     * spill to disk later). A foreign key is added as it was defined, validated at once by one join: adding it
     * NOT VALID and validating it after took the same (0.23-0.53 s against 0.23-0.47 s, nine
     * paired tries on a year), so the plain statement stays.
     */
    void finish(Handle h) {
        run(h, "SET LOCAL maintenance_work_mem = '256MB'");
        for (Definition d : indexes) {
            run(h, d.create());
        }
        for (Definition d : foreignKeys) {
            run(h, d.create());
        }
    }

    /** After the commit: statistics for the filled tables, so the planner knows them at once. */
    static void analyze(Handle h) {
        run(h, "ANALYZE " + String.join(", ", FILLED));
    }

    /** A statement as the server wrote it, past Jdbi's parameter parsing (a definition may hold any text). */
    private static void run(Handle h, String sql) {
        try (Statement s = h.getConnection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
