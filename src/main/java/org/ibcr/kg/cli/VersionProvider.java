package org.ibcr.kg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.apache.jena.Jena;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, so there is one place that says it (the pom). */
public final class VersionProvider implements IVersionProvider {
    private static final String JENA_POM = "/META-INF/maven/org.apache.jena/jena-core/pom.properties";

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"ibcr-kg " + (version == null ? "(development build, not from the jar)" : version),
                "Apache Jena " + jenaVersion() + ", Java " + System.getProperty("java.version")};
    }

    /**
     * Jena's own version. {@link Jena#VERSION} comes from the manifest of the jar Jena is in, which in our
     * shaded jar is ours (it would say 0.1.0); the pom.properties Maven puts into jena-core stays Jena's.
     */
    static String jenaVersion() {
        try (InputStream in = Jena.class.getResourceAsStream(JENA_POM)) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                String version = pom.getProperty("version");
                if (version != null && !version.isBlank()) return version;
            }
        } catch (IOException e) {
            // fall back to what Jena says
        }
        return Jena.VERSION;
    }
}
