package org.ibcr.kg.cli;

import java.net.BindException;

/** Plain words, with the way out, for failures users meet often: a port in use, a database in use. */
final class Failures {
    private Failures() {}

    /** A message for a known cause anywhere in the chain, or null. */
    static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof BindException || m.contains("Failed to bind")) {
                return "the port is already in use (" + m.replaceFirst(".*Failed to bind to ", "") + "): stop the other server, or choose another with --port";
            }
            if (m.contains("Failed to get a lock") && m.contains("tdb.lock")) {
                return "the TDB2 database is in use by another process (a running 'serve --tdb2'?): stop it first. " + m;
            }
        }
        return null;
    }
}
