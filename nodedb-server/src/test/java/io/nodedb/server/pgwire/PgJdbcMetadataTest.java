package io.nodedb.server.pgwire;

import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.server.NodeDbServer;
import io.nodedb.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pgjdbc's DatabaseMetaData, which tools (IDEs, ORMs, migration runners) call to discover tables, columns and keys:
 * its catalog queries must run against the emulated pg_catalog and give the collections' real shape.
 */
@ExtendWith(NoLeakedFiles.class)
class PgJdbcMetadataTest {
    @TempDir
    Path tmp;
    private NodeDbServer server;
    private Connection conn;

    @BeforeEach
    void start() throws Exception {
        ServerConfig d = ServerConfig.defaults(tmp);
        server = NodeDbServer.start(new ServerConfig("127.0.0.1",
                new ServerConfig.Ports(freePort(), 6433, freePort(), OptionalInt.empty(), OptionalInt.empty(), 9090),
                tmp.resolve("data"), d.fsyncPolicy(), d.fsyncInterval(), d.checkpointInterval(), 64L << 20,
                ServerConfig.Auth.DEFAULTS, Optional.empty()));
        Properties p = new Properties();
        p.setProperty("user", "nodedb");
        conn = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgwireAddress().getPort()
                + "/nodedb", p);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE COLLECTION orders (id BIGINT PRIMARY KEY, customer TEXT NOT NULL, "
                    + "total DECIMAL DEFAULT 0, placed TIMESTAMP, paid BOOL)");
            st.execute("CREATE COLLECTION events");
            st.execute("CREATE INDEX orders_customer ON orders (customer)");
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (conn != null) {
            conn.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void getTablesListsCollectionsAsTables() throws Exception {
        DatabaseMetaData md = conn.getMetaData();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("public");
                assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        assertThat(names).containsExactly("events", "orders");
        try (ResultSet rs = md.getTables(null, null, "ord%", new String[] {"TABLE"})) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("orders");
        }
    }

    @Test
    void getColumnsGivesTypesNullabilityAndDefaults() throws Exception {
        DatabaseMetaData md = conn.getMetaData();
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, "public", "orders", "%")) {
            while (rs.next()) {
                rows.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " "
                        + rs.getInt("DATA_TYPE") + " " + rs.getInt("NULLABLE") + " " + rs.getString("COLUMN_DEF")
                        + " " + rs.getInt("ORDINAL_POSITION"));
            }
        }
        assertThat(rows).containsExactly(
                "id int8 " + Types.BIGINT + " 0 null 1",
                "customer text " + Types.VARCHAR + " 0 null 2",
                "total numeric " + Types.NUMERIC + " 1 0 3",
                "placed timestamptz " + Types.TIMESTAMP + " 1 null 4",
                "paid bool " + Types.BIT + " 1 null 5");
        List<String> schemaless = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, null, "events", null)) {
            while (rs.next()) {
                schemaless.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
            }
        }
        assertThat(schemaless).containsExactly("id text", "document jsonb");
    }

    @Test
    void getPrimaryKeysNamesTheKeyColumn() throws Exception {
        DatabaseMetaData md = conn.getMetaData();
        try (ResultSet rs = md.getPrimaryKeys(null, "public", "orders")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("orders");
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
            assertThat(rs.getInt("KEY_SEQ")).isEqualTo(1);
            assertThat(rs.getString("PK_NAME")).isEqualTo("orders_pkey");
            assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = md.getPrimaryKeys(null, null, "events")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
        }
    }

    @Test
    void getPrimaryKeysNamesEveryColumnOfACompositeKeyInKeyOrder() throws Exception {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE stock (sku TEXT, warehouse BIGINT, qty INT, PRIMARY KEY (warehouse, sku))");
        }
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getPrimaryKeys(null, "public", "stock")) {
            while (rs.next()) {
                keys.add(rs.getInt("KEY_SEQ") + " " + rs.getString("COLUMN_NAME") + " " + rs.getString("PK_NAME"));
            }
        }
        assertThat(keys).containsExactly("1 warehouse stock_pkey", "2 sku stock_pkey");
    }

    @Test
    void getIndexInfoAndSchemas() throws Exception {
        DatabaseMetaData md = conn.getMetaData();
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = md.getIndexInfo(null, "public", "orders", false, false)) {
            while (rs.next()) {
                indexes.add(rs.getString("INDEX_NAME") + " " + rs.getBoolean("NON_UNIQUE") + " "
                        + rs.getString("COLUMN_NAME"));
            }
        }
        assertThat(indexes).containsExactlyInAnyOrder("orders_pkey false id", "orders_customer true customer");
        List<String> schemas = new ArrayList<>();
        try (ResultSet rs = md.getSchemas()) {
            while (rs.next()) {
                schemas.add(rs.getString("TABLE_SCHEM"));
            }
        }
        assertThat(schemas).contains("public", "pg_catalog");
    }
}
