package org.ibcr.kg.publish.site;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.publish.http.WebJars;

/**
 * The pages that are not one resource: the home page, the timeline, the network of actors, and the query
 * page with every file of {@code queries/} as a ready example.
 */
final class PageRoutes {
    private final Site site;
    private final String datasetPath;
    private final List<ExampleQuery> examples;
    private final String uiPath;

    /** @param uiPath where the Fuseki UI is, or null when it is not served */
    PageRoutes(Site site, String datasetPath, List<ExampleQuery> examples, String uiPath) {
        this.site = site;
        this.datasetPath = datasetPath;
        this.examples = List.copyOf(examples);
        this.uiPath = uiPath;
    }

    /** {@code /}: what the dataset is, its classes, figures and timeline. */
    Reply home(Exchange x) {
        return site.html(x, "home", lang -> new PageModels(site, lang, x.langInAddress()).home(site.address().url(datasetPath + "/sparql")))
                .link(site.address().canonicalBase() + "dataset", "canonical", null)
                .link(site.address().url("/.well-known/void"), "describedby", "text/turtle");
    }

    Reply timeline(Exchange x) {
        return site.html(x, "timeline", lang -> new PageModels(site, lang, x.langInAddress()).timelinePage());
    }

    Reply graph(Exchange x) {
        return site.html(x, "graph", lang -> new PageModels(site, lang, x.langInAddress()).graphPage(WebJars.CYTOSCAPE));
    }

    /** {@code /query}: a form to run SPARQL against the endpoint, and the example queries. */
    Reply query(Exchange x) {
        String context = x.request().getContextPath();
        String endpoint = context + datasetPath + "/sparql";
        String ui = uiPath == null ? null : context + uiPath;
        List<Pages.ExampleRow> rows = new ArrayList<>();
        for (ExampleQuery q : examples) {
            String encoded = URLEncoder.encode(q.text(), StandardCharsets.UTF_8);
            rows.add(new Pages.ExampleRow(q.name(), q.title(), q.text(), endpoint + "?output=text&query=" + encoded,
                    endpoint + "?output=csv&query=" + encoded, endpoint + "?output=json&query=" + encoded,
                    ui == null ? null : ui + "#/dataset/ibcr/query?query=" + encoded));
        }
        Pages.QueryPage model = new Pages.QueryPage(endpoint, context + datasetPath + "/get",
                examples.isEmpty() ? "SELECT * WHERE { ?s ?p ?o } LIMIT 25" : examples.get(0).text(), ui, rows);
        return Reply.of(Body.text(site.render("query", model), Site.HTML)).cacheControl("no-cache");
    }
}
