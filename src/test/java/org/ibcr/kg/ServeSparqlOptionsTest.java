package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code serve --sparql} and its options: usage errors before anything is read, a store that is not there. */
class ServeSparqlOptionsTest {
    // One case per line: the options, what the usage error says.
    @ParameterizedTest(name = "serve {0}")
    @CsvSource(delimiter = '|', value = {
        "--sparql ftp://example.org/sparql                          | '--sparql'",
        "--sparql http://localhost:8890/sparql --tdb2 db            | --sparql and --tdb2",
        "--sparql http://localhost:8890/sparql --update --passwd pw | --update is not for --sparql",
        "--gsp http://localhost:8890/sparql-graph-crud              | are for --sparql",
        "--sparql-user dba                                          | are for --sparql",
        "--sparql http://localhost:8890/sparql --sparql-user dba    | go together",
        "--sparql http://localhost:8890/sparql --poll 0             | '--poll'",
        "--sparql http://localhost:8890/sparql --gsp not-a-url      | '--gsp'",
    })
    void aBadCombinationIsAUsageError(String options, String says) {
        CliRun run = CliRun.of(("serve --port 0 " + options).split(" "));
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains(says), "the error says " + says + ": " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void aStoreThatIsNotThereIsAFailureNamingIt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port + "/sparql";
        CliRun run = CliRun.of("serve", "--port", "0", "--sparql", url);
        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().contains(url), "the error names the store: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }
}
