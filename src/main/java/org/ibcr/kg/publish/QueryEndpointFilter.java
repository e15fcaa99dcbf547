package org.ibcr.kg.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaRange;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.DEF;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.WebContent;
import org.apache.jena.riot.web.HttpNames;

import org.ibcr.kg.publish.http.ErrorReply;
import org.ibcr.kg.publish.http.HttpError;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The SPARQL protocol conventions Fuseki 5.6 leaves out, in front of the query endpoints ({@link #paths}):
 * <ul>
 * <li>{@code GET} or {@code HEAD} without a query string answers the endpoint's {@link ServiceDescription} in
 * Turtle, JSON-LD, RDF/XML or N-Triples by {@code Accept} (Turtle for {@code *}{@code /*} or none), so a client
 * given only the URL discovers the endpoint; a browser (HTML preferred) is sent to the query page with
 * {@code 303}. Fuseki answers 404 there.</li>
 * <li>{@code HEAD} with a query answers the headers {@code GET} would (Fuseki answers 405).</li>
 * <li>A query whose {@code Accept} matches none of the formats Fuseki offers for it gets {@code 406} (Fuseki
 * answers XML results or Turtle whatever was asked). Browsers, whose {@code Accept} names HTML, keep Fuseki's
 * answer (XML results, or what their {@code *}{@code /*} matches first), and {@code output=} still overrides
 * {@code Accept}.</li>
 * </ul>
 * Negotiation uses Jena's {@link AcceptList#match} over Fuseki's own offers ({@link DEF}).
 *
 * <pre>{@code
 * builder.addFilter("/ibcr/sparql", new QueryEndpointFilter(ServiceDescription.of(dsg), "/query", ""));
 * }</pre>
 */
final class QueryEndpointFilter implements Filter {
    /** The service description's formats, Turtle first (the answer to {@code *}{@code /*}); HTML goes to the query page. */
    static final AcceptList DESCRIPTION_OFFER = AcceptList.create(WebContent.contentTypeTurtle, WebContent.contentTypeJSONLD,
            WebContent.contentTypeRDFXML, WebContent.contentTypeNTriples, WebContent.contentTypeHTML);
    private static final Set<String> OUTPUT_PARAMS = Set.of(HttpNames.paramOutput1, HttpNames.paramOutput2,
            HttpNames.paramOutput3, HttpNames.paramForceAccept);

    /**
     * The offers for the queries seen lately, by their text: clients repeat their queries, and the form then costs a
     * look-up instead of a second parse (Fuseki parses each query again to run it). At most 4 MiB of query text.
     */
    private static final Cache<String, AcceptList> FORMS = Caffeine.newBuilder()
            .maximumWeight(4L << 20).weigher((String text, AcceptList offer) -> text.length()).build();

    private final ServiceDescription description;
    private final String queryPage;
    private final String publicBase;

    /**
     * @param queryPage  the path of the HTML query page browsers are sent to
     * @param publicBase the server's external URL behind a proxy, or "" to use the request's own
     */
    QueryEndpointFilter(ServiceDescription description, String queryPage, String publicBase) {
        this.description = Objects.requireNonNull(description, "description");
        this.queryPage = Objects.requireNonNull(queryPage, "queryPage");
        this.publicBase = Objects.requireNonNull(publicBase, "publicBase");
    }

    /** The paths of a dataset's query endpoints: the dataset itself and its {@code sparql} and {@code query} names. */
    static List<String> paths(String dataset) {
        return List.of(dataset, dataset + "/sparql", dataset + "/query");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)) {
            chain.doFilter(request, response);
            return;
        }
        String method = req.getMethod();
        boolean head = "HEAD".equals(method);
        String queryString = req.getQueryString();
        if ((head || "GET".equals(method)) && (queryString == null || queryString.isEmpty())) {
            describe(req, resp, head);
            return;
        }
        if (!acceptable(req)) {
            notAcceptable(req, resp);
            return;
        }
        // Fuseki knows no HEAD for queries: it runs as GET, and Jetty sends no body for the HEAD it really is.
        chain.doFilter(head ? new HttpServletRequestWrapper(req) {
            @Override
            public String getMethod() {
                return "GET";
            }
        } : req, resp);
    }

    private void describe(HttpServletRequest req, HttpServletResponse resp, boolean head) throws IOException {
        resp.setHeader("Vary", "Accept");
        MediaType chosen;
        try {
            String accept = req.getHeader("Accept");
            chosen = accept == null || accept.isBlank() ? DESCRIPTION_OFFER.first()
                    : AcceptList.match(new AcceptList(accept), DESCRIPTION_OFFER);
        } catch (RuntimeException e) {
            ErrorReply.plain().send(req, resp, HttpError.badRequest("accept.malformed"));
            return;
        }
        if (chosen == null) {
            ErrorReply.plain().send(req, resp, new HttpError(HttpServletResponse.SC_NOT_ACCEPTABLE, "description.not_acceptable", offered(DESCRIPTION_OFFER)));
            return;
        }
        if (chosen.getContentTypeStr().equals(WebContent.contentTypeHTML)) {
            resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
            resp.setHeader("Location", req.getContextPath() + queryPage);
            return;
        }
        String server = publicBase.isEmpty() ? serverOf(req) : publicBase;
        String endpoint = server + req.getRequestURI();
        Lang lang = RDFLanguages.contentTypeToLang(chosen.getContentTypeStr());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RDFWriter.source(description.describe(endpoint, server + req.getContextPath())).lang(lang).output(body);
        resp.setStatus(200);
        resp.setContentType(lang.getContentType().getContentTypeStr() + "; charset=utf-8");
        resp.setContentLength(body.size());
        if (!head) body.writeTo(resp.getOutputStream());
    }

    private static String serverOf(HttpServletRequest req) {
        StringBuffer url = req.getRequestURL();
        return url.substring(0, url.length() - req.getRequestURI().length());
    }

    /**
     * Whether Fuseki has a format the request accepts: SPARQL results for SELECT and ASK, graphs for CONSTRUCT and
     * DESCRIBE; either, when the query is in a POST body this filter does not read. True for anything it does not
     * judge: no Accept, an {@code output=} parameter, a browser, a query that does not parse (Fuseki says 400).
     */
    private static boolean acceptable(HttpServletRequest req) {
        String accept = req.getHeader("Accept");
        if (accept == null || accept.isBlank()) return true;
        if (req.getParameterMap().keySet().stream().anyMatch(OUTPUT_PARAMS::contains)) return true;
        AcceptList asked;
        try {
            asked = new AcceptList(accept);
        } catch (RuntimeException e) {
            return true;
        }
        for (MediaRange range : asked.entries()) {
            String type = range.getContentTypeStr().toLowerCase(Locale.ROOT);
            if (type.equals(WebContent.contentTypeHTML) || type.equals("application/xhtml+xml")) return true;
        }
        String text = req.getParameter(HttpNames.paramQuery);
        // a text this long is refused unparsed by the query processor (QueryLimits): not parsed here either
        if (text != null && text.length() > QueryLimits.DEFAULT_MAX_LENGTH) return true;
        if (text == null) return matches(asked, DEF.rsOfferTable) || matches(asked, DEF.constructOffer);
        AcceptList offer = FORMS.get(text, QueryEndpointFilter::offerFor);
        return offer == null || matches(asked, offer);
    }

    /** The formats Fuseki offers for a query's form, or null when it does not parse (the processor answers 400). */
    private static AcceptList offerFor(String text) {
        Query query;
        try {
            query = QueryFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException | StackOverflowError e) {
            return null; // the query processor answers 400
        }
        return offerFor(query);
    }

    /** The formats Fuseki offers for a query's form. */
    static AcceptList offerFor(Query query) {
        if (query.isSelectType()) return DEF.rsOfferTable;
        if (query.isAskType()) return DEF.rsOfferBoolean;
        if (query.isJsonType()) return DEF.jsonOffer;
        return query.isConstructQuad() ? DEF.quadsOffer : DEF.constructOffer;
    }

    private static boolean matches(AcceptList asked, AcceptList offer) {
        return AcceptList.match(asked, offer) != null;
    }

    private static void notAcceptable(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ErrorReply.plain().send(req, resp, new HttpError(HttpServletResponse.SC_NOT_ACCEPTABLE, "results.not_acceptable",
                offered(DEF.rsOfferTable), offered(DEF.constructOffer)));
    }

    private static String offered(AcceptList offer) {
        return String.join(", ", offer.entries().stream().map(MediaRange::getContentTypeStr).toList());
    }
}
