package io.nodedb.cli;

import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Talks to a NodeDB server (or any PostgreSQL-compatible one) over pgwire with the PostgreSQL JDBC driver. */
final class PgBackend implements Backend {
    private final Connection connection;
    private final String where;

    PgBackend(String host, int port, String user, String password) throws BackendException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        // The simple protocol sends the text as typed, several statements at once, like psql.
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("ApplicationName", "ndb");
        try {
            connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/nodedb", p);
        } catch (SQLException e) {
            throw failure(e);
        }
        where = user + "@" + host + ":" + port;
    }

    @Override
    public List<ResultView> execute(String sql) throws BackendException {
        List<ResultView> out = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            boolean isQuery = st.execute(sql);
            while (true) {
                if (isQuery) {
                    try (ResultSet rs = st.getResultSet()) {
                        out.add(read(rs));
                    }
                } else {
                    int count = st.getUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    out.add(new ResultView("OK " + count, List.of(), List.of()));
                }
                isQuery = st.getMoreResults();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    private static ResultView read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i));
        }
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
            String[] row = new String[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getString(i + 1);
            }
            rows.add(row);
        }
        return new ResultView("SELECT " + rows.size(), columns, rows);
    }

    private static BackendException failure(SQLException e) {
        int position = 0;
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            position = p.getServerErrorMessage().getPosition();
            return new BackendException(e.getSQLState(), p.getServerErrorMessage().getMessage(), position);
        }
        return new BackendException(e.getSQLState() == null ? "08006" : e.getSQLState(), e.getMessage(), position);
    }

    @Override
    public String describe() {
        return "pgwire, " + where;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a connection the server already dropped
        }
    }
}
