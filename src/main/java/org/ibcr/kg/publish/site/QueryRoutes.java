package org.ibcr.kg.publish.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.Timeouts;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.publish.http.WebJars;
import org.ibcr.kg.vocab.IBCR;

/**
 * The query page, {@code /query}, in English and French: an editor (CodeMirror's SPARQL mode with our prefixes and
 * the terms of our vocabulary as completions, {@code /query.js}; a plain text area without JavaScript), the example
 * queries of {@code queries/}, and the answer to {@code /query?query=...} as an HTML table whose IRIs link to their
 * pages, with downloads from the endpoint (CSV, TSV, JSON; Turtle, N-Triples and JSON-LD for a graph). The query
 * runs under the endpoint's own context: its time limit, its guarded engine, no SERVICE. A syntax error answers
 * 400 and a query over its time 503, each with the page, the query kept in the editor and the error shown.
 */
final class QueryRoutes {
    /** The longest query text the page takes; the endpoint takes longer ones by POST. */
    static final int MAX_QUERY = 16 * 1024;
    private static final Body SCRIPT = Site.resource("/static/query.js", "text/javascript; charset=utf-8");
    /** The CodeMirror WebJar's version where its Maven metadata is missing. */
    private static final String CODEMIRROR = "5.65.20";

    private final Site site;
    private final String datasetPath;
    private final List<ExampleQuery> examples;
    private final String uiPath;
    private final Context queryContext;

    /**
     * @param queryContext the context of the endpoint's queries (time limit, engine, SERVICE refused), copied per query
     * @param uiPath       where the Fuseki UI is, or null when it is not served
     */
    QueryRoutes(Site site, String datasetPath, List<ExampleQuery> examples, String uiPath, Context queryContext) {
        this.site = site;
        this.datasetPath = datasetPath;
        this.examples = List.copyOf(examples);
        this.uiPath = uiPath;
        this.queryContext = Objects.requireNonNull(queryContext, "queryContext");
    }

    /** A SPARQL query of the resource's neighbourhood: what it states and what points to it. */
    static String neighbourhood(String iri) {
        return "# What <" + iri + "> states, and what points to it\n"
                + "SELECT ?subject ?predicate ?object WHERE {\n"
                + "  { BIND(<" + iri + "> AS ?subject) <" + iri + "> ?predicate ?object }\n"
                + "  UNION\n"
                + "  { BIND(<" + iri + "> AS ?object) ?subject ?predicate <" + iri + "> }\n"
                + "}\nORDER BY ?subject ?predicate ?object\nLIMIT 500\n";
    }

    /** The address of the query page answering a query, in the page's language where the address names it. */
    static String pageFor(Site site, String query, String langQuery) {
        return site.address().url("/query") + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + (langQuery.isEmpty() ? "" : "&" + langQuery.substring(1));
    }

    /** {@code /query}: the form, and the answer when the address has a query. */
    Reply page(Exchange x) {
        String text = x.parameter("query");
        if (text == null) return site.html(x, "query", lang -> model(x, lang, first(), null, null, null));
        String lang = x.lang();
        if (text.length() > MAX_QUERY) throw new HttpError(414, "query.too_long", MAX_QUERY);
        Pages.QueryResult result = null;
        String error = null;
        String detail = null;
        int status = 200;
        Map<String, String> t = site.texts(lang);
        try {
            result = run(x, lang, QueryFactory.create(text, Syntax.syntaxARQ), text);
        } catch (QueryParseException e) {
            status = 400;
            error = t.get("query_error_syntax");
            detail = e.getMessage();
        } catch (QueryCancelledException e) {
            status = 503;
            error = t.get("query_error_timeout").replace("{seconds}", Long.toString(timeout().toSeconds()));
        } catch (QueryException e) {
            status = 400;
            error = t.get("query_error");
            detail = e.getMessage();
        }
        Pages.Page page = model(x, lang, text, result, error, detail);
        return Reply.status(status, site.page("query", page)).cacheControl("no-cache").vary("Accept-Language").header("Content-Language", lang);
    }

    Reply script(Exchange x) {
        return Reply.of(SCRIPT).lastModified(site.lastModified());
    }

    private String first() {
        return examples.isEmpty() ? "SELECT * WHERE { ?s ?p ?o } LIMIT 25" : examples.get(0).text();
    }

    private Duration timeout() {
        long ms = Timeouts.extractQueryTimeout(queryContext).overallTimeoutMillis();
        return ms > 0 ? Duration.ofMillis(ms) : Duration.ofSeconds(10);
    }

    private String endpoint() {
        return site.address().url(datasetPath + "/sparql");
    }

    /** Runs a query as the endpoint would, keeping the first rows the page shows; the downloads send its text as written. */
    private Pages.QueryResult run(Exchange x, String lang, Query query, String text) {
        PageModels models = new PageModels(site, lang, x.langInAddress());
        int max = site.maxValues();
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
        Map<String, String> t = site.texts(lang);
        return Txn.calculateRead(site.content().dataset(), () -> {
            // the dataset's own settings (TDB2's union default graph), then the endpoint's
            Context context = site.content().dataset().getContext().copy();
            context.putAll(queryContext);
            try (QueryExec exec = QueryExec.dataset(site.content().dataset()).query(query).context(context)
                    .timeout(timeout().toMillis(), TimeUnit.MILLISECONDS).build()) {
                if (query.isAskType()) {
                    boolean yes = exec.ask();
                    return new Pages.QueryResult(List.of(), List.of(), yes ? t.get("query_yes") : t.get("query_no"), null, false,
                            downloads(encoded, false));
                }
                List<String> columns;
                List<Pages.ResultRow> rows = new ArrayList<>();
                boolean more;
                if (query.isSelectType()) {
                    RowSet rs = exec.select();
                    List<Var> vars = rs.getResultVars();
                    columns = vars.stream().map(Var::getVarName).toList();
                    while (rs.hasNext() && rows.size() < max) {
                        Binding b = rs.next();
                        rows.add(new Pages.ResultRow(vars.stream().map(v -> cell(models, b.get(v))).toList()));
                    }
                    more = rs.hasNext();
                } else {
                    columns = List.of("subject", "predicate", "object");
                    // streamed: only the rows shown (and one more) are held
                    Iterator<Triple> triples = query.isDescribeType() ? exec.describeTriples() : exec.constructTriples();
                    while (triples.hasNext() && rows.size() < max) {
                        Triple tr = triples.next();
                        rows.add(new Pages.ResultRow(List.of(cell(models, tr.getSubject()), cell(models, tr.getPredicate()),
                                cell(models, tr.getObject()))));
                    }
                    more = triples.hasNext();
                }
                String count = more ? t.get("query_rows_cut").replace("{count}", Integer.toString(rows.size()))
                        : t.get(rows.size() == 1 ? "query_rows_one" : "query_rows_other").replace("{count}", Integer.toString(rows.size()));
                return new Pages.QueryResult(columns, rows, null, count, rows.isEmpty(), downloads(encoded, !query.isSelectType()));
            }
        });
    }

    /** What a cell shows: an IRI by its prefixed name, linked to its page; a literal with its language or datatype. */
    private Pages.ResultCell cell(PageModels models, Node n) {
        if (n == null) return new Pages.ResultCell("", null, null, null);
        PrefixMap prefixes = site.prefixes();
        if (n.isURI()) {
            // shown shortened (id:city/paris), even where the rest is no valid local name: the link has the IRI
            String iri = n.getURI();
            String text = "<" + iri + ">";
            int longest = 0;
            for (var e : prefixes.getMapping().entrySet()) {
                String ns = e.getValue();
                if (ns.length() > longest && iri.startsWith(ns) && iri.length() > ns.length()) {
                    longest = ns.length();
                    text = e.getKey() + ":" + iri.substring(ns.length());
                }
            }
            return new Pages.ResultCell(text, models.keepLang(site.address().link(n.getURI())), null, null);
        }
        if (n.isLiteral()) {
            String note = null;
            if (!n.getLiteralLanguage().isEmpty()) note = "@" + n.getLiteralLanguage();
            else if (n.getLiteralDatatypeURI() != null && !n.getLiteralDatatypeURI().equals("http://www.w3.org/2001/XMLSchema#string")) {
                String dt = prefixes.abbreviate(n.getLiteralDatatypeURI());
                note = "^^" + (dt == null ? "<" + n.getLiteralDatatypeURI() + ">" : dt);
            }
            String lang = n.getLiteralLanguage().isEmpty() ? null : n.getLiteralLanguage();
            return new Pages.ResultCell(n.getLiteralLexicalForm(), null, note, lang);
        }
        return new Pages.ResultCell(n.isBlank() ? "_:" + n.getBlankNodeLabel() : n.toString(), null, null, null);
    }

    /** The whole result from the endpoint, in the formats it offers for the query's kind. */
    private List<Pages.Download> downloads(String encoded, boolean graph) {
        String base = endpoint() + "?query=" + encoded + "&output=";
        if (graph) {
            return List.of(new Pages.Download("Turtle", base + "ttl", "text/turtle"), new Pages.Download("N-Triples", base + "nt", "application/n-triples"),
                    new Pages.Download("JSON-LD", base + "json-ld", "application/ld+json"));
        }
        return List.of(new Pages.Download("CSV", base + "csv", "text/csv"), new Pages.Download("TSV", base + "tsv", "text/tab-separated-values"),
                new Pages.Download("JSON", base + "json", "application/sparql-results+json"));
    }

    private Pages.Page model(Exchange x, String lang, String text, Pages.QueryResult result, String error, String detail) {
        PageModels models = new PageModels(site, lang, x.langInAddress());
        Map<String, String> t = site.texts(lang);
        Pages.Frame frame = models.frame(t.get("query"), "/query");
        String endpoint = endpoint();
        String langQuery = frame.langQuery();
        List<Pages.ExampleRow> rows = new ArrayList<>();
        for (ExampleQuery q : examples) {
            String encoded = URLEncoder.encode(q.text(), StandardCharsets.UTF_8);
            rows.add(new Pages.ExampleRow(q.name(), q.title(lang), q.text(), pageFor(site, q.text(), langQuery),
                    endpoint + "?output=csv&query=" + encoded, endpoint + "?output=json&query=" + encoded));
        }
        Pages.Editor editor = new Pages.Editor(codemirror("lib/codemirror.js"), codemirror("lib/codemirror.css"), codemirror("mode/sparql/sparql.js"),
                codemirror("addon/hint/show-hint.js"), codemirror("addon/hint/show-hint.css"), site.address().url("/query.js"), prefixesJson(), termsJson());
        return new Pages.Page(frame, new Pages.QueryPage(endpoint, site.address().url(datasetPath + "/get"), text, editor,
                uiPath == null ? null : site.address().url(uiPath), result, error, detail, rows, !rows.isEmpty()));
    }

    /** The site's prefixes as a JSON object, for the editor's completions and the PREFIX lines it adds. */
    private String prefixesJson() {
        JsonObject json = new JsonObject();
        site.prefixes().forEach(json::put);
        return JSON.toStringFlat(json);
    }

    /** The classes and properties of our ontology as prefixed names, sorted, for the editor's completions. */
    private String termsJson() {
        JsonArray json = new JsonArray();
        site.content().read(g -> {
            TreeSet<String> names = new TreeSet<>();
            for (Node kind : List.of(OWL.Class.asNode(), OWL.ObjectProperty.asNode(), OWL.DatatypeProperty.asNode())) {
                g.find(Node.ANY, RDF.type.asNode(), kind).forEachRemaining(tr -> {
                    Node term = tr.getSubject();
                    if (term.isURI() && term.getURI().startsWith(IBCR.NS)) names.add("ibcr:" + term.getURI().substring(IBCR.NS.length()));
                });
            }
            return names;
        }).forEach(json::add);
        return JSON.toStringFlat(json);
    }

    /** A file of the CodeMirror WebJar on the classpath. */
    private String codemirror(String file) {
        return site.address().url(WebJars.path("org.webjars.npm", "codemirror", CODEMIRROR, file));
    }
}
