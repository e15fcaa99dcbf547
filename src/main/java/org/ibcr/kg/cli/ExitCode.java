package org.ibcr.kg.cli;

/** The exit codes of every command, in one table (also in {@code ibcr-kg --help}). */
public final class ExitCode {
    private ExitCode() {}

    /** The command did what was asked. */
    public static final int OK = 0;
    /** Bad data, a file that cannot be read or written, or another failure; the message says which. */
    public static final int FAILURE = 1;
    /** The command line is wrong: an unknown option, a missing argument, a bad value. */
    public static final int USAGE = 2;
    /** The data was read but does not conform to the SHACL shapes. */
    public static final int NOT_CONFORMING = 3;
}
