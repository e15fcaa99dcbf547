package org.ibcr.kg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ibcr.kg.ExternalTool;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's smoke run, in CI: scale 1, 1-second wrk runs, one pair per peer comparison, into a copy of
 * performance.md under target/. It checks that the harness fills every generated block of the page with complete
 * tables, every peer present and every target judged; it never asserts a timing (speed is shown by the full run, not by a test).
 */
class BenchmarkSmokeTest {
    private static final Pattern BLOCK = Pattern.compile("<!-- bench:([a-z-]+) -->\\n(.*?)<!-- /bench:\\1 -->", Pattern.DOTALL);

    @Test
    void theSmokeRunFillsEveryTableOfThePage() throws Exception {
        ExternalTool.require("wrk", "wrk");
        boolean trifid = ExternalTool.optional(TrifidPeer.serverScript(Path.of("target", "trifid")), "Trifid " + TrifidPeer.VERSION
                + " (npm install --prefix target/trifid trifid@" + TrifidPeer.VERSION + ")");
        boolean ldf = ExternalTool.optional(LdfServerPeer.serverScript(Path.of("target", "ldf-server")), "@ldf/server " + LdfServerPeer.VERSION
                + " (npm install --omit=optional --prefix target/ldf-server @ldf/server@" + LdfServerPeer.VERSION + ")");
        Path work = Path.of("target", "bench-smoke");
        Datasets.deleteTree(work);
        Path page = work.resolve("markdown").resolve("performance.md");
        Files.createDirectories(page.getParent());
        Files.copy(Path.of("src", "site", "markdown", "performance.md"), page);

        Benchmark.run(BenchSettings.smoke(work, page), false);

        String text = Files.readString(page, StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(text);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String name = m.group(1);
            String body = m.group(2);
            assertFalse(body.isBlank(), "block " + name + " is empty");
            assertFalse(body.contains("**Not run**"), "measure " + name + " did not run:\n" + body);
            for (String row : rowsOf(text, name)) {
                String[] cells = row.substring(1, row.length() - 1).split("(?<!\\\\)\\|");
                assertTrue(Arrays.stream(cells).noneMatch(String::isBlank), "empty cell in " + name + ": " + row);
            }
        }
        assertEquals(Report.SECTIONS.size(), blocks, "every section has its block in performance.md");

        assertTrue(rowsOf(text, "convert").stream().anyMatch(r -> r.startsWith("| 1 | ") && !r.contains("not run") && !r.contains("failed")),
                "our converter ran at scale 1:\n" + block(text, "convert"));
        List<String> header = List.of(block(text, "endpoint").lines().filter(l -> l.startsWith("| connections |")).findFirst()
                .orElseThrow().split(" \\| "));
        int pairs = header.indexOf("pairs");
        assertTrue(pairs > 0, "the endpoint table has a pairs column: " + header);
        for (int c : List.of(1, 8, 32)) {
            // a 1-second run on a loaded machine may answer nothing: the table then says so instead of a ratio
            assertTrue(rowsOf(text, "endpoint").stream().map(r -> List.of(r.split(" \\| "))).anyMatch(r -> r.get(0).equals("| " + c)
                            && (r.get(pairs).equals("1") || r.get(pairs).equals("0 (then a run answered no request)"))),
                    "endpoint at " + c + " connections, in the one pair the smoke run makes:\n" + block(text, "endpoint"));
        }
        List<String> targets = rowsOf(text, "targets");
        assertEquals(Benchmark.TARGETS.size(), targets.size(), "every target judged:\n" + block(text, "targets"));
        for (String r : targets) {
            assertTrue(r.endsWith("| met |") || r.endsWith("| not met |") || r.endsWith("| within noise |") || r.contains("| not measured"),
                    "a verdict for " + r);
        }
        String pages = block(text, "pages");
        assertEquals(trifid, !pages.contains("Trifid is not installed"), "Trifid in the pages table iff installed:\n" + pages);
        String fragments = block(text, "fragments");
        assertEquals(ldf, !fragments.contains("@ldf/server is not installed"), "@ldf/server in the fragments table iff installed:\n" + fragments);
        if (ldf) {
            // neither failed nor answered differently from ours (same triples counts for every request)
            assertFalse(fragments.contains("not run"), "@ldf/server ran beside ours:\n" + fragments);
        }
        for (String name : List.of("fragments-bound", "versions")) {
            assertTrue(rowsOf(text, name).stream().anyMatch(r -> r.startsWith("| 1 | ") && !r.contains("not run") && !r.contains("failed")),
                    name + " measured at scale 1:\n" + block(text, name));
        }
        assertTrue(Files.readString(Benchmark.plotFile(page)).startsWith("<svg"), "the scaling plot is written");
    }

    private static String block(String text, String name) {
        Matcher m = BLOCK.matcher(text);
        while (m.find()) if (m.group(1).equals(name)) return m.group(2);
        throw new AssertionError("no block " + name);
    }

    /** The data rows of a block's tables (no header, no separator). */
    private static List<String> rowsOf(String text, String name) {
        List<String> lines = block(text, name).lines().filter(l -> l.startsWith("|")).toList();
        return lines.stream().filter(l -> !l.startsWith("|---")).filter(l -> {
            int i = lines.indexOf(l);
            return i + 1 >= lines.size() || !lines.get(i + 1).startsWith("|---");
        }).toList();
    }
}
