package org.ibcr.kg.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, so there is one place that says it (the pom). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"ibcr-kg " + (version == null ? "(development build, not from the jar)" : version),
                "Apache Jena " + org.apache.jena.Jena.VERSION + ", Java " + System.getProperty("java.version")};
    }
}
