package org.ibcr.kg.publish.site;

import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.publish.http.WebJars;

/**
 * The pages that are not one resource: the home page and the network of actors (the timeline is
 * {@link TimelineRoutes}, the query page {@link QueryRoutes}).
 */
final class PageRoutes {
    private final Site site;
    private final String datasetPath;

    PageRoutes(Site site, String datasetPath) {
        this.site = site;
        this.datasetPath = datasetPath;
    }

    /** {@code /}: what the dataset is, its classes, figures and timeline. */
    Reply home(Exchange x) {
        // The page's schema.org description has absolute links: one page per server address it is asked at.
        String base = x.absoluteBase();
        return site.html(x, "home", base, lang -> new PageModels(site, lang, x.langInAddress())
                        .home(site.address().url(datasetPath + "/sparql"), base, base + datasetPath + "/sparql"))
                .link(site.address().canonicalBase() + "dataset", "canonical", null)
                .link(site.address().url("/.well-known/void"), "describedby", "text/turtle");
    }

    Reply graph(Exchange x) {
        return site.html(x, "graph", lang -> new PageModels(site, lang, x.langInAddress()).graphPage(WebJars.CYTOSCAPE));
    }
}
