package dev.anvil.history;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * Keeps a few SQLite connections open between uses. Every Jdbi handle asks for a connection and
 * closes it; opening one anew each time (file open, WAL index mapping, pragmas, schema parse)
 * made appending results in batches 2.4 times slower than plain JDBC on one connection.
 * A returned connection is rolled back if a transaction was left open.
 */
final class ReusedConnections implements DataSource {
    private static final int MAX_IDLE = 4;

    private final DataSource source;
    /** Ask an idle connection whether it still works before handing it out (a server may have restarted). */
    private final boolean validate;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ReusedConnections(DataSource source) {
        this(source, false);
    }

    ReusedConnections(DataSource source, boolean validate) {
        this.source = source;
        this.validate = validate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real;
        synchronized (this) {
            real = idle.pollFirst();
        }
        if (real != null && (real.isClosed() || (validate && !real.isValid(5)))) {
            closeQuietly(real);
            real = null;
        }
        if (real == null) {
            real = source.getConnection();
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Lease(real));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private void release(Connection real) {
        try {
            if (!real.getAutoCommit()) {
                real.rollback();
                real.setAutoCommit(true);
            }
        } catch (SQLException e) {
            closeQuietly(real);
            return;
        }
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(real);
                return;
            }
        }
        closeQuietly(real);
    }

    /** Closes the idle connections; connections in use close when they are returned. */
    synchronized void close() {
        closed = true;
        for (Connection c : idle) {
            closeQuietly(c);
        }
        idle.clear();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing left to do with a connection that cannot even close
        }
    }

    /** One use of a pooled connection: close() gives it back instead of closing it. */
    private final class Lease implements InvocationHandler {
        private final Connection real;
        private boolean returned;

        Lease(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!returned) {
                        returned = true;
                        release(real);
                    }
                    return null;
                case "isClosed":
                    return returned || real.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "pooled " + real;
                default:
                    if (returned) {
                        throw new SQLException("connection already returned");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return source.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        source.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        source.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return source.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return source.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return source.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || source.isWrapperFor(iface);
    }
}
