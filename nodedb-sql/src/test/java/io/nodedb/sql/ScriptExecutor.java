package io.nodedb.sql;

import java.util.List;

/**
 * Runs one script statement and renders what happened as text lines, so the same script files can run against
 * the embedded engine and, later, over pgwire through JDBC.
 */
public interface ScriptExecutor extends AutoCloseable {
    List<String> run(String sql);

    @Override
    void close();
}
