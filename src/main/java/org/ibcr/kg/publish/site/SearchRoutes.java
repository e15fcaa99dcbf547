package org.ibcr.kg.publish.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
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
import org.ibcr.kg.vocab.IBCR;

/**
 * Finding things: {@code /search?q=} (the resources whose labels, names or descriptions hold the words, in English
 * or French, grouped by class, with facets by class ({@code class=}) and by decade ({@code from=}, {@code to=});
 * HTML, or JSON by Accept), {@code /search/suggest?q=} (the labels that start with what was typed, JSON, for the
 * search box of every page; with {@code format=opensearch}, OpenSearch suggestions for a browser's address bar), {@code /search.js} (that box's script) and {@code /opensearch.xml} (the OpenSearch
 * description every page links to, so a browser can add the site as a search engine).
 */
final class SearchRoutes {
    static final String JSON = "application/json";
    static final String OPENSEARCH = "application/opensearchdescription+xml";
    static final String SUGGESTIONS = "application/x-suggestions+json";
    private static final Body SCRIPT = Site.resource("/static/search.js", "text/javascript; charset=utf-8");
    /** The most resources a search returns; the facets narrow them. */
    static final int MAX_RESULTS = 200;
    static final int MAX_SUGGESTIONS = 10;
    /** The classes results are grouped by, in this order: a resource goes to the first it has. */
    private static final List<Resource> GROUPS = List.of(IBCR.Milestone, IBCR.Organisation, IBCR.Group, IBCR.Person, IBCR.Place,
            IBCR.Work, IBCR.Topic, IBCR.Role, IBCR.SourceSection, IBCR.Sentence, IBCR.Quantity);
    private static final String TERMS = "ontology";
    private static final String OTHER = "other";

    private final Site site;
    private final SearchIndex index;

    SearchRoutes(Site site, SearchIndex index) {
        this.site = Objects.requireNonNull(site, "site");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** What the OpenSearch description names: the site, its language, and the addresses of a search and of suggestions. */
    record OpenSearch(String shortName, String description, String lang, String image, String search, String suggest, String self) {}

    /** A resource found, with what the page needs of it. */
    private record Found(SearchIndex.Hit hit, String group, Integer start, Integer end, SearchResult row) {}

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
        PageModels models = new PageModels(site, lang, x.langInAddress());
        List<Found> found = q.isEmpty() ? List.of() : found(index.search(q, lang, MAX_RESULTS), lang);
        SearchPage model = model(x, lang, q, group, from, to, found);
        if (!Negotiation.isHtml(type)) {
            return Reply.of(Body.text(json(model).toString(), JSON + "; charset=utf-8")).vary("Accept", "Accept-Language")
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
            site.content().read(g -> {
                for (SearchIndex.Hit hit : hits) {
                    Node n = node(hit.iri());
                    if (n == null) continue;
                    JsonObject item = new JsonObject();
                    item.put("iri", hit.iri());
                    item.put("label", SiteContent.label(g, n, lang));
                    item.put("matched", hit.text());
                    String group = group(g, n);
                    item.put("class", group);
                    item.put("classLabel", groupLabel(g, group, lang));
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
            return Reply.of(Body.text(answer.toString(), SUGGESTIONS + "; charset=utf-8")).vary("Accept-Language")
                    .header("Content-Language", lang).cacheControl("no-cache");
        }
        JsonObject answer = new JsonObject();
        answer.put("q", q);
        answer.put("suggestions", items);
        return Reply.of(Body.text(answer.toString(), JSON + "; charset=utf-8")).vary("Accept-Language")
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

    private List<Found> found(List<SearchIndex.Hit> hits, String lang) {
        return site.content().read(g -> {
            List<Found> found = new ArrayList<>();
            for (SearchIndex.Hit hit : hits) {
                Node n = node(hit.iri());
                if (n == null) continue;
                // Its years: a milestone's span (or the bounds the history gives for it), a work's year.
                Integer start = firstYear(g, n, IBCR.startYear, IBCR.notBefore, IBCR.year);
                Integer end = firstYear(g, n, IBCR.endYear, IBCR.notAfter);
                if (start == null) start = end;
                if (end == null) end = start;
                String years = start == null ? null : start.equals(end) ? Integer.toString(start) : start + "–" + end;
                List<SnippetPart> snippet = hit.snippet().stream().map(p -> new SnippetPart(p.text(), p.match())).toList();
                String group = group(g, n);
                SearchResult row = new SearchResult(hit.iri(), group, SiteContent.label(g, n, lang), site.address().link(hit.iri()), years,
                        hit.field().fieldName(), site.texts(lang).get("search_field_" + hit.field().fieldName()), snippet);
                found.add(new Found(hit, group, start, end, row));
            }
            return found;
        });
    }

    private SearchPage model(Exchange x, String lang, String q, String group, Integer from, Integer to, List<Found> found) {
        String langParam = x.langInAddress() ? lang : null;
        Map<String, String> t = site.texts(lang);
        // Each facet counts the results the other facet keeps.
        List<Found> inYears = found.stream().filter(f -> overlaps(f, from, to)).toList();
        List<Found> inGroup = found.stream().filter(f -> group == null || f.group.equals(group)).toList();
        List<Found> kept = inYears.stream().filter(f -> group == null || f.group.equals(group)).toList();

        Map<String, Integer> groupCounts = new LinkedHashMap<>();
        for (Found f : inYears) groupCounts.merge(f.group, 1, Integer::sum);
        List<Facet> classes = new ArrayList<>();
        Map<String, String> groupLabels = site.content().read(g -> {
            Map<String, String> labels = new LinkedHashMap<>();
            for (String key : groupOrder()) labels.put(key, groupLabel(g, key, lang));
            return labels;
        });
        for (String key : groupOrder()) {
            Integer count = groupCounts.get(key);
            if (count == null && !key.equals(group)) continue;
            boolean on = key.equals(group);
            classes.add(new Facet(key, groupLabels.get(key), count == null ? 0 : count,
                    address(q, on ? null : key, from, to, langParam), on));
        }
        TreeMap<Integer, Integer> decadeCounts = new TreeMap<>();
        for (Found f : inGroup) {
            if (f.start == null) continue;
            for (int d = f.start / 10 * 10; d <= f.end / 10 * 10; d += 10) decadeCounts.merge(d, 1, Integer::sum);
        }
        List<Facet> decades = new ArrayList<>();
        for (var e : decadeCounts.entrySet()) {
            int d = e.getKey();
            boolean on = from != null && to != null && from == d && to == d + 9;
            decades.add(new Facet(Integer.toString(d), t.get("search_decade").replace("{decade}", Integer.toString(d)), e.getValue(),
                    on ? address(q, group, null, null, langParam) : address(q, group, d, d + 9, langParam), on));
        }
        Map<String, List<SearchResult>> grouped = new LinkedHashMap<>();
        for (String key : groupOrder()) grouped.put(key, new ArrayList<>());
        List<SearchResult> ranked = new ArrayList<>();
        for (Found f : kept) {
            SearchResult row = withLang(f.row, langParam);
            ranked.add(row);
            grouped.get(f.group).add(row);
        }
        List<SearchGroup> groups = new ArrayList<>();
        for (var e : grouped.entrySet()) {
            if (!e.getValue().isEmpty()) groups.add(new SearchGroup(e.getKey(), groupLabels.get(e.getKey()), e.getValue().size(), e.getValue()));
        }
        List<String> filters = new ArrayList<>();
        if (group != null) filters.add(groupLabels.getOrDefault(group, group));
        if (from != null || to != null) filters.add((from == null ? "…" : from) + "–" + (to == null ? "…" : to));
        return new SearchPage(q, !q.isEmpty(), kept.size(), !q.isEmpty() && kept.isEmpty(), ranked, groups, classes, decades,
                !decades.isEmpty(), !classes.isEmpty() || !decades.isEmpty(), filters.isEmpty() ? null : String.join(", ", filters),
                filters.isEmpty() ? null : address(q, null, null, null, langParam));
    }

    private static boolean overlaps(Found f, Integer from, Integer to) {
        if (from == null && to == null) return true;
        if (f.start == null) return false;
        return (from == null || f.end >= from) && (to == null || f.start <= to);
    }

    private List<String> groupOrder() {
        List<String> keys = new ArrayList<>();
        for (Resource r : GROUPS) keys.add(key(r));
        keys.add(TERMS);
        keys.add(OTHER);
        return keys;
    }

    private static String key(Resource cls) {
        return cls.getLocalName().toLowerCase(java.util.Locale.ROOT);
    }

    /** The group of a resource: the first of {@link #GROUPS} it is a member of, a term of the ontology, or other. */
    private static String group(Graph g, Node n) {
        for (Resource cls : GROUPS) if (g.contains(n, RDF.type.asNode(), cls.asNode())) return key(cls);
        if (n.isURI() && (n.getURI().startsWith(IBCR.NS) || n.getURI().equals(IBCR.ONTOLOGY))) return TERMS;
        return OTHER;
    }

    private String groupLabel(Graph g, String key, String lang) {
        // The ontology's labels are in lower case ("milestone"); here they are headings.
        for (Resource cls : GROUPS) if (key(cls).equals(key)) return capitalised(SiteContent.label(g, cls.asNode(), lang));
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

    private static Integer year(Exchange x, String name) {
        String v = x.parameter(name);
        if (v == null || v.isEmpty()) return null;
        if (!v.matches("\\d{1,4}")) throw HttpError.badRequest("search.year.invalid", name);
        return Integer.valueOf(v);
    }

    private static Integer firstYear(Graph g, Node n, org.apache.jena.rdf.model.Property... properties) {
        for (var p : properties) {
            Integer y = year(g, n, p.asNode());
            if (y != null) return y;
        }
        return null;
    }

    private static Integer year(Graph g, Node n, Node p) {
        var it = g.find(n, p, Node.ANY);
        while (it.hasNext()) {
            Node o = it.next().getObject();
            if (!o.isLiteral()) continue;
            String lex = o.getLiteralLexicalForm();
            if (lex.matches("-?\\d{4}.*")) return Integer.valueOf(lex.substring(0, lex.startsWith("-") ? 5 : 4));
        }
        return null;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, s.offsetByCodePoints(0, 1)).toUpperCase(java.util.Locale.ROOT) + s.substring(s.offsetByCodePoints(0, 1));
    }

    private static Node node(String id) {
        return id.startsWith("_:") ? null : NodeFactory.createURI(id);
    }

}
