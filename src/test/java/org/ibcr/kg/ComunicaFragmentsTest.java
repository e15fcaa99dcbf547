package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorByType;
import org.apache.jena.sparql.algebra.op.Op0;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.Op2;
import org.apache.jena.sparql.algebra.op.OpN;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.op.OpConditional;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpJoin;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpReduced;
import org.apache.jena.sparql.algebra.op.OpSequence;
import org.apache.jena.sparql.algebra.op.OpSlice;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.apache.jena.sparql.resultset.ResultsReader;
import org.apache.jena.sparql.resultset.SPARQLResult;
import org.ibcr.kg.publish.IbcrServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Comunica (npm {@code @comunica/query-sparql} 4, as its users have it) given only {@code /fragments}: it must
 * find the Triple Pattern Fragments interface by the Hydra search form, and answer every file of
 * {@code queries/} that uses only basic graph patterns, FILTER and OPTIONAL (with solution modifiers) with the
 * rows our SPARQL endpoint gives. Which files those are is read from each query's algebra, not listed by hand.
 */
class ComunicaFragmentsTest {
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create();

    private static final Path QUERY_JS = Path.of("target", "comunica", "node_modules", "@comunica", "query-sparql", "bin", "query.js");

    @BeforeAll
    static void start() {
        ExternalTool.require("node", "nodejs");
        ExternalTool.requireFile(QUERY_JS, "Comunica (npm @comunica/query-sparql@4)");
    }

    /** The operators of basic graph patterns, FILTER, OPTIONAL and the solution modifiers. */
    private static final Set<Class<? extends Op>> BASIC = Set.of(OpBGP.class, OpTriple.class, OpJoin.class, OpSequence.class,
            OpFilter.class, OpLeftJoin.class, OpConditional.class, OpProject.class, OpDistinct.class, OpReduced.class,
            OpOrder.class, OpSlice.class, OpTopN.class);

    /** Whether a SELECT query's algebra holds only {@link #BASIC} operators, no EXISTS and no property function. */
    static boolean basicGraphPatternsOnly(Query query) {
        if (!query.isSelectType() || query.hasGroupBy() || query.hasAggregators()) return false;
        Set<Class<?>> used = new HashSet<>();
        boolean[] exists = {false};
        OpWalker.walk(Algebra.compile(query), new OpVisitorByType() {
            @Override protected void visitN(OpN op) { used.add(op.getClass()); }
            @Override protected void visit2(Op2 op) { used.add(op.getClass()); }
            @Override protected void visit1(Op1 op) { used.add(op.getClass()); }
            @Override protected void visit0(Op0 op) {
                used.add(op.getClass());
                // A property function (text:query, spatial functions) is computed by the endpoint, not matched as a triple.
                if (op instanceof OpBGP bgp) bgp.getPattern().forEach(t -> exists[0] |= t.getPredicate().isURI()
                        && org.apache.jena.sparql.pfunction.PropertyFunctionRegistry.get().manages(t.getPredicate().getURI()));
            }
            @Override protected void visitExt(OpExt op) { used.add(op.getClass()); }
            @Override protected void visitFilter(OpFilter op) {
                used.add(op.getClass());
                op.getExprs().forEach(e -> exists[0] |= e.toString().contains("exists"));
            }
            @Override protected void visitLeftJoin(OpLeftJoin op) { used.add(op.getClass()); }
        });
        return !exists[0] && BASIC.containsAll(used);
    }

    @TestFactory
    Stream<DynamicTest> comunicaAnswersTheBasicQueriesOverFragments() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(Path.of("queries"))) {
            files = all.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
        List<Path> basic = files.stream().filter(p -> basicGraphPatternsOnly(QueryFactory.read(p.toString()))).toList();
        assertTrue(!basic.isEmpty(), "queries of basic graph patterns, filters and optionals: " + basic);
        return basic.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> sameRows(p)));
    }

    private static void sameRows(Path file) throws IOException {
        String queryText = Files.readString(file, StandardCharsets.UTF_8);
        String url = SERVED.base() + "/fragments";
        ExternalTool.Result run = ExternalTool.run(List.of("node", QUERY_JS.toString(), url, "-q", queryText,
                "-t", "application/sparql-results+json", "-l", "info"));
        assertEquals(0, run.code(), "Comunica failed on " + file + ":\n" + run.err().lines().filter(l -> !l.contains("INFO")).toList());
        // Its log says how it took the source: as Triple Pattern Fragments, found by the Hydra search form.
        assertTrue(run.err().contains("Identified as qpf source: " + url), "Comunica did not take " + url
                + " as Triple Pattern Fragments:\n" + run.err().lines().limit(3).toList());
        SPARQLResult theirs = ResultsReader.create().lang(ResultSetLang.RS_JSON).build()
                .readAny(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        Query query = QueryFactory.create(queryText);
        try (QueryExecutionHTTP ours = QueryExecutionHTTP.service(SERVED.base() + IbcrServer.DATASET + "/sparql").query(query).build()) {
            ResultSetRewindable expected = ours.execSelect().rewindable();
            ResultSetRewindable actual = theirs.getResultSet().rewindable();
            assertTrue(expected.size() > 0, file + ": our endpoint gave no rows, the comparison would prove nothing");
            assertEquals(expected.size(), actual.size(), file + ": row count");
            boolean same = query.hasOrderBy() ? ResultSetCompare.equalsByTermAndOrder(expected, actual)
                    : ResultSetCompare.equalsByTerm(expected, actual);
            assertTrue(same, file + ": Comunica's rows over the fragments differ from our endpoint's");
        }
    }
}
