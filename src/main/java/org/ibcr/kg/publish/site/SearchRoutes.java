package org.ibcr.kg.publish.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Resource;
import org.ibcr.kg.publish.SearchIndex;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Negotiation;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.publish.site.Pages.Facet;
import org.ibcr.kg.publish.site.Pages.SearchGroup;
import org.ibcr.kg.publish.site.Pages.SearchPage;
import org.ibcr.kg.publish.site.Pages.SearchResult;
import org.ibcr.kg.publish.site.Pages.SnippetPart;

/**
 * Finding things: {@code /search?q=} (the resources whose labels, names or descriptions hold the words, in English
 * or French, grouped by class, with facets by class ({@code class=}) and by decade ({@code from=}, {@code to=}),
 * {@value #PAGE_SIZE} a page ({@code page=}); HTML, or JSON by Accept; counted and ranked by the index, so that a page
 * costs what its own results do), {@code /search/suggest?q=} (the labels that start with what was typed, JSON, for the
 * search box of every page; with {@code format=opensearch}, OpenSearch suggestions for a browser's address bar), {@code /search.js} (that box's script) and {@code /opensearch.xml} (the OpenSearch
 * description every page links to, so a browser can add the site as a search engine).
 */
final class SearchRoutes {
    static final String JSON = "application/json";
    static final String OPENSEARCH = "application/opensearchdescription+xml";
    static final String SUGGESTIONS = "application/x-suggestions+json";
    private static final Body SCRIPT = Site.resource("/static/search.js", "text/javascript; charset=utf-8");
    /** The resources a page of results shows; the facets narrow them, {@code page=} goes on. */
    static final int PAGE_SIZE = 20;
    /** The last page a search shows: the best 1,000 resources; the facets narrow the others. */
    static final int MAX_PAGE = 50;
    static final int MAX_SUGGESTIONS = 10;

    private final Site site;
    private final SearchIndex index;
    /** The groups' names in each language (the ontology's labels of the classes), read once per data version. */
    private volatile GroupLabels groupLabels = new GroupLabels(-1, Map.of());

    private record GroupLabels(long version, Map<String, Map<String, String>> byLang) {}

    SearchRoutes(Site site, SearchIndex index) {
        this.site = Objects.requireNonNull(site, "site");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** What the OpenSearch description names: the site, its language, and the addresses of a search and of suggestions. */
    record OpenSearch(String shortName, String description, String lang, String image, String search, String suggest, String self) {}

    /** {@code /search}: the form, and the results when there is a {@code q}. */
    Reply page(Exchange x) {
        String type = Negotiation.choose(x.header("Accept"), List.of("text/html", JSON))
                .orElseThrow(() -> new HttpError(406, "search.not_acceptable"));
        String lang = x.lang();
        String q = query(x, "q");
        String group = x.parameter("class");
        if (group != null && !group.matches("[a-z]{1,40}")) throw HttpError.badRequest("search.class.invalid");
        Integer from = year(x, "from");
        Integer to = year(x, "to");
        if (from != null && to != null && from > to) throw HttpError.badRequest("years.reversed", from, to);
        int pageNumber = pageNumber(x);
        PageModels models = new PageModels(site, lang, x.langInAddress());
        SearchIndex.Results results = q.isEmpty() ? null
                : index.search(q, lang, new SearchIndex.Filter(group, from, to), (pageNumber - 1) * PAGE_SIZE, PAGE_SIZE);
        SearchPage model = model(x, lang, q, group, from, to, pageNumber, results);
        if (!Negotiation.isHtml(type)) {
            return Reply.of(Body.text(org.apache.jena.atlas.json.JSON.toStringFlat(json(model)), JSON + "; charset=utf-8")).vary("Accept", "Accept-Language")
                    .header("Content-Language", lang).cacheControl("no-cache");
        }
        String title = q.isEmpty() ? site.texts(lang).get("search_title") : site.texts(lang).get("search_results_for").replace("{q}", q);
        Pages.Page page = new Pages.Page(models.frame(title, "/search"), model);
        return Reply.of(site.page("search", page)).vary("Accept", "Accept-Language").header("Content-Language", lang)
                .cacheControl("no-cache");
    }

    /** {@code /search/suggest?q=}: the labels that match what was typed so far, as JSON. */
    Reply suggest(Exchange x) {
        String lang = x.lang();
        String q = query(x, "q");
        JsonArray items = new JsonArray();
        if (!q.isEmpty()) {
            List<SearchIndex.Hit> hits = index.suggest(q, lang, MAX_SUGGESTIONS);
            Map<String, String> classLabels = groupLabels(lang);
            site.content().read(g -> {
                for (SearchIndex.Hit hit : hits) {
                    Node n = node(hit.iri());
                    if (n == null) continue;
                    JsonObject item = new JsonObject();
                    item.put("iri", hit.iri());
                    item.put("label", SiteContent.label(g, n, lang));
                    item.put("matched", hit.text());
                    String group = hit.group();
                    item.put("class", group);
                    item.put("classLabel", classLabels.get(group));
                    item.put("href", withLang(site.address().link(hit.iri()), x.langInAddress() ? lang : null));
                    items.add(item);
                }
                return null;
            });
        }
        if ("opensearch".equals(x.parameter("format"))) {
            // OpenSearch suggestions: [terms, [completions], [descriptions], [addresses]], what a browser's bar reads
            JsonArray answer = new JsonArray();
            JsonArray labels = new JsonArray();
            JsonArray classes = new JsonArray();
            JsonArray hrefs = new JsonArray();
            for (var item : items) {
                labels.add(item.getAsObject().get("label"));
                classes.add(item.getAsObject().get("classLabel"));
                hrefs.add(item.getAsObject().get("href"));
            }
            answer.add(q);
            answer.add(labels);
            answer.add(classes);
            answer.add(hrefs);
            return Reply.of(Body.text(org.apache.jena.atlas.json.JSON.toStringFlat(answer), SUGGESTIONS + "; charset=utf-8")).vary("Accept-Language")
                    .header("Content-Language", lang).cacheControl("no-cache");
        }
        JsonObject answer = new JsonObject();
        answer.put("q", q);
        answer.put("suggestions", items);
        return Reply.of(Body.text(org.apache.jena.atlas.json.JSON.toStringFlat(answer), JSON + "; charset=utf-8")).vary("Accept-Language")
                .header("Content-Language", lang).cacheControl("no-cache");
    }

    Reply script(Exchange x) {
        return Reply.of(SCRIPT).lastModified(site.lastModified());
    }

    /** {@code /opensearch.xml}: the site as a search engine, in the reader's language. */
    Reply openSearch(Exchange x) {
        String lang = x.lang();
        Map<String, String> t = site.texts(lang);
        String base = x.absoluteBase();
        String search = base + "/search?q={searchTerms}&lang=" + lang;
        String xml = site.render("opensearch", new OpenSearch(t.get("search_short_name"), t.get("search_description"), lang,
                base + "/favicon.ico", search, base + "/search/suggest?q={searchTerms}&lang=" + lang + "&format=opensearch", base + "/opensearch.xml?lang=" + lang));
        return Reply.of(Body.text(xml, OPENSEARCH + "; charset=utf-8")).vary("Accept-Language").header("Content-Language", lang);
    }

    // ---- the model

    /** The page's rows: each result's label in the reader's language and its link, read for the page's results only. */
    private List<SearchResult> rows(List<SearchIndex.Hit> hits, String lang) {
        return site.content().read(g -> {
            List<SearchResult> rows = new ArrayList<>();
            for (SearchIndex.Hit hit : hits) {
                Node n = node(hit.iri());
                if (n == null) continue;
                Integer start = hit.start();
                Integer end = hit.end();
                String years = start == null ? null : start.equals(end) ? Integer.toString(start) : start + "–" + end;
                List<SnippetPart> snippet = hit.snippet().stream().map(p -> new SnippetPart(p.text(), p.match())).toList();
                rows.add(new SearchResult(hit.iri(), hit.group(), SiteContent.label(g, n, lang), site.address().link(hit.iri()), years,
                        hit.field().fieldName(), site.texts(lang).get("search_field_" + hit.field().fieldName()), snippet));
            }
            return rows;
        });
    }

    private SearchPage model(Exchange x, String lang, String q, String group, Integer from, Integer to, int pageNumber,
            SearchIndex.Results results) {
        String langParam = x.langInAddress() ? lang : null;
        Map<String, String> t = site.texts(lang);
        Map<String, String> groupLabels = groupLabels(lang);
        Map<String, Integer> groupCounts = results == null ? Map.of() : results.groups();
        // Each facet counts the results the other facet keeps (the index counts them all, not only this page's).
        List<Facet> classes = new ArrayList<>();
        for (String key : SearchIndex.groups()) {
            Integer count = groupCounts.get(key);
            if (count == null && !key.equals(group)) continue;
            boolean on = key.equals(group);
            classes.add(new Facet(key, groupLabels.get(key), count == null ? 0 : count,
                    address(q, on ? null : key, from, to, langParam), on));
        }
        List<Facet> decades = new ArrayList<>();
        if (results != null) {
            for (var e : results.decades().entrySet()) {
                int d = e.getKey();
                boolean on = from != null && to != null && from == d && to == d + 9;
                decades.add(new Facet(Integer.toString(d), t.get("search_decade").replace("{decade}", Integer.toString(d)), e.getValue(),
                        on ? address(q, group, null, null, langParam) : address(q, group, d, d + 9, langParam), on));
            }
        }
        List<SearchResult> ranked = new ArrayList<>();
        Map<String, List<SearchResult>> grouped = new LinkedHashMap<>();
        for (String key : SearchIndex.groups()) grouped.put(key, new ArrayList<>());
        for (SearchResult r : results == null ? List.<SearchResult>of() : rows(results.page(), lang)) {
            SearchResult row = withLang(r, langParam);
            ranked.add(row);
            grouped.get(r.group()).add(row);
        }
        List<SearchGroup> groups = new ArrayList<>();
        for (var e : grouped.entrySet()) {
            if (!e.getValue().isEmpty()) groups.add(new SearchGroup(e.getKey(), groupLabels.get(e.getKey()), e.getValue().size(), e.getValue()));
        }
        List<String> filters = new ArrayList<>();
        if (group != null) filters.add(groupLabels.getOrDefault(group, group));
        if (from != null || to != null) filters.add((from == null ? "…" : from) + "–" + (to == null ? "…" : to));
        int count = results == null ? 0 : results.count();
        int first = (pageNumber - 1) * PAGE_SIZE + 1;
        int last = first + ranked.size() - 1;
        String shown = ranked.isEmpty() || count <= PAGE_SIZE ? null
                : t.get("search_shown").replace("{first}", Integer.toString(first)).replace("{last}", Integer.toString(last))
                        .replace("{count}", Integer.toString(count));
        String previous = pageNumber > 1 ? address(q, group, from, to, langParam) + (pageNumber > 2 ? "&page=" + (pageNumber - 1) : "") : null;
        String next = last < count && pageNumber < MAX_PAGE ? address(q, group, from, to, langParam) + "&page=" + (pageNumber + 1) : null;
        return new SearchPage(q, !q.isEmpty(), count, !q.isEmpty() && count == 0, ranked, groups, classes, decades,
                !decades.isEmpty(), !classes.isEmpty() || !decades.isEmpty(), filters.isEmpty() ? null : String.join(", ", filters),
                filters.isEmpty() ? null : address(q, null, null, null, langParam), pageNumber, shown, previous, next);
    }

    /** The name of each group in {@code lang}, by its key. */
    private Map<String, String> groupLabels(String lang) {
        if (!site.version().tracked()) return readGroupLabels(lang);
        long v = site.version().current(); // read before the data, as ResponseCache does
        GroupLabels kept = groupLabels;
        if (kept.version != v) groupLabels = kept = new GroupLabels(v, new java.util.concurrent.ConcurrentHashMap<>());
        return kept.byLang.computeIfAbsent(lang, this::readGroupLabels);
    }

    private Map<String, String> readGroupLabels(String lang) {
        return site.content().read(g -> {
            Map<String, String> labels = new LinkedHashMap<>();
            for (String key : SearchIndex.groups()) labels.put(key, groupLabel(g, key, lang));
            return Map.copyOf(labels);
        });
    }

    private String groupLabel(Graph g, String key, String lang) {
        // The ontology's labels are in lower case ("milestone"); here they are headings.
        for (Resource cls : SearchIndex.GROUPED) {
            if (SearchIndex.groupKey(cls).equals(key)) return capitalised(SiteContent.label(g, cls.asNode(), lang));
        }
        return site.texts(lang).get("search_group_" + key);
    }

    private String address(String q, String group, Integer from, Integer to, String lang) {
        StringBuilder a = new StringBuilder(site.address().url("/search")).append("?q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        if (group != null) a.append("&class=").append(group);
        if (from != null) a.append("&from=").append(from);
        if (to != null) a.append("&to=").append(to);
        if (lang != null) a.append("&lang=").append(lang);
        return a.toString();
    }

    private SearchResult withLang(SearchResult r, String lang) {
        return lang == null ? r : new SearchResult(r.iri(), r.group(), r.label(), withLang(r.href(), lang), r.years(), r.fieldName(), r.field(),
                r.snippet());
    }

    /** A link to a page of this site keeps the reader's {@code ?lang=}, before any fragment. */
    private String withLang(String url, String lang) {
        if (lang == null || !url.startsWith(site.address().url("/"))) return url;
        int hash = url.indexOf('#');
        return hash < 0 ? url + "?lang=" + lang : url.substring(0, hash) + "?lang=" + lang + url.substring(hash);
    }

    private static JsonObject json(SearchPage model) {
        Map<String, String> groupLabels = new LinkedHashMap<>();
        for (Facet f : model.classes()) groupLabels.put(f.key(), f.label());
        JsonObject o = new JsonObject();
        o.put("q", model.q());
        o.put("count", model.count());
        o.put("page", model.page());
        if (model.next() != null) o.put("next", model.next());
        JsonArray results = new JsonArray();
        for (SearchResult r : model.ranked()) {
            JsonObject item = new JsonObject();
            item.put("iri", r.iri());
            item.put("label", r.label());
            item.put("class", r.group());
            item.put("classLabel", groupLabels.get(r.group()));
            item.put("href", r.href());
            if (r.years() != null) item.put("years", r.years());
            item.put("field", r.fieldName());
            StringBuilder text = new StringBuilder();
            JsonArray matched = new JsonArray();
            for (SnippetPart p : r.snippet()) {
                text.append(p.text());
                if (p.match()) matched.add(p.text());
            }
            item.put("snippet", text.toString());
            item.put("matched", matched);
            results.add(item);
        }
        o.put("results", results);
        o.put("classes", facets(model.classes()));
        o.put("decades", facets(model.decades()));
        return o;
    }

    private static JsonArray facets(List<Facet> facets) {
        JsonArray a = new JsonArray();
        for (Facet f : facets) {
            JsonObject o = new JsonObject();
            o.put("key", f.key());
            o.put("label", f.label());
            o.put("count", f.count());
            o.put("selected", f.selected());
            a.add(o);
        }
        return a;
    }

    // ---- parameters and small helpers

    private static String query(Exchange x, String name) {
        String q = x.parameter(name);
        if (q == null) return "";
        q = q.strip();
        if (q.length() > SearchIndex.MAX_QUERY) throw HttpError.badRequest("search.too_long", SearchIndex.MAX_QUERY);
        if (q.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) throw HttpError.badRequest("search.control");
        return q;
    }

    private static int pageNumber(Exchange x) {
        String v = x.parameter("page");
        if (v == null || v.isEmpty()) return 1;
        if (!v.matches("\\d{1,3}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > MAX_PAGE) {
            throw HttpError.badRequest("search.page.invalid", MAX_PAGE);
        }
        return Integer.parseInt(v);
    }

    private static Integer year(Exchange x, String name) {
        String v = x.parameter(name);
        if (v == null || v.isEmpty()) return null;
        if (!v.matches("\\d{1,4}")) throw HttpError.badRequest("search.year.invalid", name);
        return Integer.valueOf(v);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, s.offsetByCodePoints(0, 1)).toUpperCase(java.util.Locale.ROOT) + s.substring(s.offsetByCodePoints(0, 1));
    }

    private static Node node(String id) {
        return id.startsWith("_:") ? null : NodeFactory.createURI(id);
    }

}
