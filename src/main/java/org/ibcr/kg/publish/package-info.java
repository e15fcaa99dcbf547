/**
 * The server: an embedded Apache Jena Fuseki, in three layers.
 *
 * <ul>
 * <li>{@code publish} (this package): the Fuseki assembly and the SPARQL side. {@link org.ibcr.kg.publish.IbcrServer}
 * builds the server (dataset, endpoints, limits, modules); {@link org.ibcr.kg.publish.CancellableQueryEngine} makes
 * the query timeout hold for every query shape; {@link org.ibcr.kg.publish.QueryLimits} bounds a query's size and
 * nesting before it is parsed and planned (Fuseki's query processor runs with them, {@code LimitedQueryProcessor});
 * {@code ResultCache} keeps the endpoint's answers per data version
 * (with {@code RepeatableQuery} telling which queries may be kept); {@link org.ibcr.kg.publish.ExampleQuery} is one file of
 * {@code queries/} for the query page; {@link org.ibcr.kg.publish.SearchIndex} is the full-text index (jena-text,
 * with the analysers of {@code SearchAnalyzers}) that answers SPARQL's {@code text:query} and the site's search,
 * built for each version of the data; {@link org.ibcr.kg.publish.RemoteQueryProcessor} is Fuseki's query operation
 * with the query sent on to a remote SPARQL store ({@code serve --sparql}).</li>
 * <li>{@link org.ibcr.kg.publish.http}: HTTP with no RDF in it, unit-testable: errors
 * ({@link org.ibcr.kg.publish.http.HttpError}, rendered in one place by {@link org.ibcr.kg.publish.http.ErrorReply}),
 * responses ({@link org.ibcr.kg.publish.http.Reply}: ETag, Last-Modified, Cache-Control, Vary, Link, HEAD as GET),
 * content negotiation, conditional requests, CORS, body and rate limits, gzip, WebJars.</li>
 * <li>{@link org.ibcr.kg.publish.site}: the linked-data frontend. One route table
 * ({@code SiteRoutes}: each path spec once, with its handler, each a servlet of its own), the handlers grouped by
 * kind of URL (resources, documents, pages, files, graph files), the site's content and addresses, the format
 * table, the page models and templates, the data version and the response cache, the dumps.</li>
 * </ul>
 *
 * <p>A new capability is a route in {@code SiteRoutes} and a handler (and, for a page, its model and template),
 * never a branch in a dispatcher.
 *
 * <pre>{@code
 * FusekiServer server = IbcrServer.create().port(0).dataset(dsg).build().start();
 * }</pre>
 */
package org.ibcr.kg.publish;
