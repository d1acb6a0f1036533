package dev.anvil.frame;

/**
 * The type a column of an SQL answer gets. SQLite is dynamically typed, so a column's kind comes
 * from its values (the narrowest kind that holds them all) and, when it has none, from its
 * declared type. Shared by {@link SqlTables} (Tablesaw columns) and {@link ResultRows} (the
 * Tablesaw-free writer of {@code .sql} queries) so both type an answer alike.
 */
enum ColumnKind {
    EMPTY, INT, LONG, DOUBLE, INSTANT, TEXT;

    boolean numeric() {
        return this == INT || this == LONG || this == DOUBLE;
    }

    static ColumnKind of(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return INT;
        }
        if (v instanceof Long) {
            long l = (Long) v;
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? INT : LONG;
        }
        if (v instanceof Number) {
            return DOUBLE;
        }
        if (v instanceof String && PackedTimes.isFixedWidth((String) v)) {
            return INSTANT;
        }
        return TEXT;
    }

    /** The narrowest kind that holds both; numbers and text (or times) together are text. */
    static ColumnKind widen(ColumnKind a, ColumnKind b) {
        if (a == EMPTY || a == b) {
            return b;
        }
        if (a == TEXT || b == TEXT || a == INSTANT || b == INSTANT) {
            return TEXT;
        }
        if (a == DOUBLE || b == DOUBLE) {
            return DOUBLE;
        }
        return LONG;
    }

    /** For a column without values: what its declared SQL type says (SQLite's affinity rules). */
    static ColumnKind fromDeclared(String declared) {
        if (declared.contains("INT")) {
            return LONG;
        }
        if (declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB") || declared.contains("DECIMAL")) {
            return DOUBLE;
        }
        return TEXT;
    }
}
