package org.ibcr.kg.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.web.HttpNames;
import org.apache.jena.shared.PrefixMapping;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.BufferedBody;
import org.ibcr.kg.publish.http.ConditionalGet;
import org.ibcr.kg.publish.site.DataVersion;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Answers of the SPARQL query endpoints kept for the data's {@link DataVersion}: the data changes only by version,
 * so an answer computed once is given again, without running the query, until the next committed write. The key is
 * the version, the query parsed and written again by Jena (so spacing, comments and prefix names do not count, except
 * where the format writes prefixed names: graphs and the text table), the request's other parameters
 * ({@code output=}, {@code default-graph-uri}, ...) and the result format Jena's negotiation picks from
 * {@code Accept} among Fuseki's offers. GET, HEAD and POST (form or {@code application/sparql-query}) are answered;
 * updates never reach the filter's paths. Not kept: a query that calls the clock or chance
 * ({@link RepeatableQuery}: {@code NOW()}, {@code RAND()}, ...), an answer other than 200, one cut off or failed
 * (the query's time limit), one larger than {@code maxBytes / 16} or 1 MiB (it streams as it comes). A kept answer
 * carries a strong ETag of its bytes (the same on every replica that holds the same data), so a client's repeated
 * query gets 304 with {@code If-None-Match}, and {@code Cache-Control: no-cache} instead of Fuseki's {@code no-store},
 * so a CDN or browser may keep it and revalidate it; {@code X-Cache} says {@code hit}, {@code miss} or {@code pass}
 * (not kept by rule).
 * Bounded by the bytes kept, least recently used dropped first (Caffeine); at a new version everything is dropped.
 *
 * <pre>{@code
 * builder.addFilter("/ibcr/sparql", ResultCache.create(DataVersion.of(dsg), 64L << 20, QueryLimits.defaults()));
 * }</pre>
 */
final class ResultCache implements Filter {
    /** The response header that says how the answer was found. */
    static final String X_CACHE = "X-Cache";
    /** Bytes counted for a kept answer beside its body: key, headers, bookkeeping. */
    private static final int OVERHEAD = 512;
    /** Headers of the answer kept with it; the others are the server's own and set again on every response. */
    private static final List<String> KEPT_HEADERS = List.of("Content-Disposition", "Content-Language", "Vary", "Link");
    /**
     * Caching by others: Fuseki says {@code no-store}; a kept answer may be stored if revalidated each time, since the
     * data may change at any moment: a CDN or browser then asks with its ETag and gets 304 while it holds.
     */
    static final String CACHE_CONTROL = "no-cache";
    /** The largest answer kept (and held back to be kept), whatever the cache's size: bounds the memory of many large answers at once. */
    static final long MAX_ANSWER = 1L << 20;

    private record Key(long version, String query, String parameters, String format) {}

    private record Answer(byte[] bytes, String contentType, String etag, Map<String, String> headers) {}

    /**
     * What the filter needs of a query's text, worked out once per text: whether it may be kept, its prefixes and its
     * body as Jena writes it (IRIs in full), whether it is a SELECT or ASK, the formats Fuseki offers for it.
     */
    private record Parsed(boolean repeatable, String prefixes, String body, boolean selectOrAsk, AcceptList offer) {}

    /** The text of a query Fuseki answers with 400: nothing to keep. */
    private static final Parsed UNPARSED = new Parsed(false, "", "", false, null);

    private final DataVersion version;
    private final QueryLimits limits;
    private final long maxAnswer;
    private final Cache<Key, Answer> cache;
    private final AtomicLong seen = new AtomicLong();
    /** Parsed query texts: clients repeat theirs, and a kept answer then costs no parse. At most 4 MiB of text. */
    private final Cache<String, Parsed> texts = Caffeine.newBuilder().maximumWeight(4L << 20)
            .weigher((String text, Parsed p) -> text.length() + p.body().length()).build();

    private ResultCache(DataVersion version, long maxBytes, QueryLimits limits) {
        this.version = version;
        this.limits = limits;
        this.maxAnswer = Math.min(MAX_ANSWER, maxBytes / 16);
        this.cache = version.tracked() && maxAnswer > 0
                ? Caffeine.newBuilder().maximumWeight(maxBytes)
                        .weigher((Key k, Answer a) -> (int) Math.min(Integer.MAX_VALUE,
                                (long) a.bytes().length + k.query().length() * 2L + k.parameters().length() * 2L + OVERHEAD))
                        .build()
                : null;
    }

    /** @param maxBytes the most bytes of answers kept; 0 keeps none (nor does an untracked version) */
    static ResultCache create(DataVersion version, long maxBytes, QueryLimits limits) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(limits, "limits");
        if (maxBytes < 0) throw new IllegalArgumentException("the result cache size must not be negative");
        return new ResultCache(version, maxBytes, limits);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (cache == null || !(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)) {
            chain.doFilter(request, response);
            return;
        }
        String method = req.getMethod();
        HttpServletRequest forward = req;
        String text;
        if ("GET".equals(method) || "HEAD".equals(method)) {
            text = single(req, HttpNames.paramQuery);
        } else if ("POST".equals(method)) {
            String type = req.getContentType() == null ? "" : req.getContentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals("application/sparql-query")) {
                byte[] body = req.getInputStream().readAllBytes(); // already read whole and bounded by the body limits
                forward = new BufferedBody.Request(req, body);
                text = new String(body, charset(req.getCharacterEncoding()));
            } else if (type.equals("application/x-www-form-urlencoded") && req.getParameter(HttpNames.paramUpdate) == null) {
                text = single(req, HttpNames.paramQuery);
            } else {
                text = null;
            }
        } else {
            text = null;
        }
        // Past the endpoint's limits the query is not parsed here: the query processor refuses it.
        Parsed query = text == null || limits.refusal(text) != null ? UNPARSED : texts.get(text, this::parse);
        if (query == UNPARSED) { // not a query this filter judges: Fuseki answers it (and says what is wrong)
            chain.doFilter(forward, resp);
            return;
        }
        if (!query.repeatable()) {
            resp.setHeader(X_CACHE, "pass");
            chain.doFilter(forward, resp);
            return;
        }
        long v = version.current(); // read before the data: what follows was computed from this version or newer
        long last = seen.get();
        if (v != last && seen.compareAndSet(last, v)) cache.invalidateAll(); // older versions are never served again
        String parameters = parameters(forward);
        String format = format(req.getHeader("Accept"), query);
        boolean prefixesMatter = !query.selectOrAsk() || format.startsWith("text/plain") || !parameters.isEmpty();
        Key key = new Key(v, (prefixesMatter ? query.prefixes() : "") + "\n" + query.body(), parameters, format);
        Answer kept = cache.getIfPresent(key);
        if (kept != null) {
            send(req, resp, kept, "hit");
            return;
        }
        resp.setHeader(X_CACHE, "miss");
        Capture capture = new Capture(resp, maxAnswer);
        chain.doFilter(forward, capture);
        byte[] bytes = capture.finish();
        if (bytes == null) return; // it went out as it came: too large, or an error
        if (capture.getStatus() != 200) {
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            List<String> values = new ArrayList<>(resp.getHeaders(name));
            if (!values.isEmpty()) headers.put(name, String.join(", ", values));
        }
        Answer answer = new Answer(bytes, resp.getContentType(), Body.etag(bytes), Map.copyOf(headers));
        cache.put(key, answer);
        send(req, resp, answer, "miss");
    }

    private static void send(HttpServletRequest req, HttpServletResponse resp, Answer answer, String how) throws IOException {
        resp.setHeader(X_CACHE, how);
        resp.setHeader("ETag", answer.etag());
        answer.headers().forEach(resp::setHeader);
        resp.setHeader("Cache-Control", CACHE_CONTROL);
        resp.setHeader("Pragma", null);
        if (ConditionalGet.notModified(req, answer.etag(), null)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setStatus(200);
        if (answer.contentType() != null) resp.setContentType(answer.contentType());
        resp.setContentLength(answer.bytes().length);
        // written for HEAD too, as Fuseki's answer is: Jetty sends none of it, and gzip's headers are those of GET
        resp.getOutputStream().write(answer.bytes());
    }

    /** The base Fuseki 5.6 parses queries with (SPARQLQueryProcessor): relative IRIs resolve here as they do there. */
    private static final String FUSEKI_BASE = "http://server/unset-base/";

    /**
     * The query as Fuseki parses it (ARQ syntax, its base), written again by Jena with IRIs in full, its prefixes
     * apart (sorted: they count only where the result format writes prefixed names); {@link #UNPARSED} where Fuseki
     * answers 400.
     */
    private Parsed parse(String text) {
        Query query;
        try {
            query = QueryFactory.create(text, FUSEKI_BASE, Syntax.syntaxARQ);
            if (limits.refusal(query) != null) return UNPARSED;
        } catch (QueryException | StackOverflowError e) {
            return UNPARSED;
        }
        boolean repeatable = RepeatableQuery.test(query);
        AcceptList offer = QueryEndpointFilter.offerFor(query);
        String prefixes = new TreeMap<>(query.getPrefixMapping().getNsPrefixMap()).toString();
        query.setPrefixMapping(PrefixMapping.Factory.create());
        return new Parsed(repeatable, prefixes, query.serialize(), query.isSelectType() || query.isAskType(), offer);
    }

    /** The one value of a parameter, or null when it is missing or repeated (Fuseki judges that). */
    private static String single(HttpServletRequest req, String name) {
        String[] values = req.getParameterValues(name);
        return values != null && values.length == 1 ? values[0] : null;
    }

    /** Every parameter but the query, sorted: {@code output=}, dataset IRIs, anything else that may change the answer. */
    private static String parameters(HttpServletRequest req) {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        req.getParameterMap().forEach((name, values) -> {
            if (!name.equals(HttpNames.paramQuery)) sorted.put(name, List.of(values));
        });
        return sorted.isEmpty() ? "" : sorted.toString();
    }

    /** The format Fuseki's negotiation picks, or the Accept header itself where it falls back to its default. */
    private static String format(String accept, Parsed query) {
        if (accept == null || accept.isBlank()) return "";
        try {
            MediaType chosen = AcceptList.match(new AcceptList(accept), query.offer());
            if (chosen != null) return chosen.toHeaderString();
        } catch (RuntimeException e) {
            // a malformed Accept: keyed by its text
        }
        return "accept: " + accept;
    }

    private static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * The answer held back while it is small, so that it can be kept and sent with its ETag and length; past the
     * limit, or on an error, it goes out as it comes and is not kept. While held, the response is not committed:
     * a query that fails (its time limit) still gets its error status.
     */
    private static final class Capture extends HttpServletResponseWrapper {
        private final long limit;
        private ByteArrayOutputStream held = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private PrintWriter writer;

        Capture(HttpServletResponse response, long limit) {
            super(response);
            this.limit = limit;
        }

        /** The held answer, or null when it went out as it came. */
        byte[] finish() throws IOException {
            if (writer != null) writer.flush();
            return held == null ? null : held.toByteArray();
        }

        private ServletOutputStream real() throws IOException {
            return getResponse().getOutputStream();
        }

        private void letThrough() throws IOException {
            if (held == null) return;
            byte[] bytes = held.toByteArray();
            held = null;
            real().write(bytes);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (held != null && held.size() + (long) len > limit) letThrough();
                    if (held != null) held.write(b, off, len);
                    else real().write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    if (held == null) real().flush();
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("blocking writes only");
                }
            };
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset(getCharacterEncoding())));
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (writer != null) writer.flush();
            if (held == null) super.flushBuffer();
        }

        @Override
        public boolean isCommitted() {
            return held == null && super.isCommitted();
        }

        @Override
        public void resetBuffer() {
            if (held != null) held.reset();
            super.resetBuffer();
        }

        @Override
        public void reset() {
            if (held != null) held.reset();
            super.reset();
            setHeader(X_CACHE, "miss");
        }

        @Override
        public void setContentLength(int len) {
            if (held == null) super.setContentLength(len);
        }

        @Override
        public void setContentLengthLong(long len) {
            if (held == null) super.setContentLengthLong(len);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            held = null; // Jetty writes the error page
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            held = null;
            super.sendError(sc);
        }
    }
}
