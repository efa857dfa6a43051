package io.nodedb.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, from the Maven metadata packaged into our jars. */
final class Version {
    private static final String[] POM_PROPERTIES = {
            "/META-INF/maven/io.nodedb/nodedb-server/pom.properties",
            // bin/nodedb runs the server from target/classes, which has no metadata; the core jar beside it does.
            "/META-INF/maven/io.nodedb/nodedb-core/pom.properties"};

    private static final String CURRENT = read();

    private Version() {
    }

    static String current() {
        return CURRENT;
    }

    private static String read() {
        for (String resource : POM_PROPERTIES) {
            try (InputStream in = Version.class.getResourceAsStream(resource)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    String version = p.getProperty("version");
                    if (version != null && !version.isBlank()) {
                        return version;
                    }
                }
            } catch (IOException e) {
                // fall through to the next place, then to "dev"
            }
        }
        return "dev";
    }
}
