/**
 * The linked-data frontend: every URL of the site that is not the SPARQL service.
 *
 * <ul>
 * <li>{@code SiteRoutes}: the one route table. Each {@code Route} is a servlet path spec and its handler;
 * {@link org.ibcr.kg.publish.site.SiteModule} registers each as a servlet of its own on Fuseki and installs the
 * site's error page as Jetty's. Handlers read the servlet path info ({@code Exchange}) and return a
 * {@link org.ibcr.kg.publish.http.Reply}, or throw {@link org.ibcr.kg.publish.http.HttpError}.</li>
 * <li>The handlers, one class per kind of URL (as Pubby has one servlet per kind): {@code ResourceRoutes}
 * ({@code /id/}, {@code /page/}, {@code /data/}, {@code /class/}), {@code DocumentRoutes} (ontology, VoID and
 * DCAT, the named graphs), {@code PageRoutes} (home, network), {@code TimelineRoutes} (the timeline, as a page, CSV or JSON),
 * {@code QueryRoutes} (the query page and its answers as HTML tables), {@code FileRoutes} (dumps,
 * sitemap, robots.txt, static files, WebJars), {@code GraphExportRoute} (the relationship graph files and the ego networks of
 * {@code /graph/around/}), {@code FragmentRoutes} (Triple Pattern Fragments at {@code /fragments}), {@code MapRoutes}
 * ({@code /map}), {@code SearchRoutes} ({@code /search}, its suggestions, script and OpenSearch description),
 * {@code FeedRoutes} (the LDES change feed at {@code /feed}), {@code MementoRoutes} (Memento TimeGates on the data
 * documents and pages, the mementos at {@code /memento/} and TimeMaps at {@code /timemap/}).</li>
 * <li>{@code DocumentFormat}: the one table of RDF formats, derived from
 * {@link org.ibcr.kg.write.RdfFormat}; negotiation, extensions, alternates and routes come from it.</li>
 * <li>{@code Site}, {@code SiteContent}, {@code SiteAddress}: the templates and texts, reads of the served
 * dataset, and the mapping of canonical IRIs to this server's URLs; {@code PageModels} builds what the templates
 * render.</li>
 * <li>{@link org.ibcr.kg.publish.site.DataVersion} and {@code ResponseCache}: what was computed for a version of the
 * data is served until the next committed write; {@code GraphViews}: the relationship graphs and their figures,
 * projected once per version for the graph files and the resource pages; {@code Dumps}: the whole dataset, once per
 * version, and the dated dumps of the kept versions. The data version is the number of the newest version in the
 * store's {@link org.ibcr.kg.store.VersionLog}; {@code History} reads that log for the feed, the mementos and the
 * dated dumps: which resources each version changed, and a resource or the whole dataset as of any version.</li>
 * <li>{@link org.ibcr.kg.publish.site.StoreMirror}: over a remote SPARQL store ({@code serve --sparql}), the dataset
 * the site reads: a copy of the store's current version, read again when the polled version moves; the data
 * version moves with it.</li>
 * </ul>
 *
 * <p>The package keeps its classes package-private but for the module, the data version and the store mirror the assembly needs:
 * the route handlers share the site's internals (content, addresses, page models) without exposing them, which
 * sub-packages per feature would force into public API.
 */
package org.ibcr.kg.publish.site;
