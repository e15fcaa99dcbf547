/**
 * HTTP with no RDF in it: what any route of the server needs and a unit test can check without a dataset.
 *
 * <ul>
 * <li>{@link org.ibcr.kg.publish.http.HttpError}: a refusal with its status, thrown anywhere while a request is
 * handled; {@link org.ibcr.kg.publish.http.ErrorReply} turns it into the one error response (an HTML page in the
 * reader's language for browsers, JSON or plain text otherwise, never a stack trace), its message in English or French
 * from the bundles of {@link org.ibcr.kg.publish.http.ErrorMessages}.</li>
 * <li>{@link org.ibcr.kg.publish.http.Reply} and {@link org.ibcr.kg.publish.http.Body}: the one response path
 * (ETag, Last-Modified, Cache-Control, Vary, Link; HEAD gets the headers of GET);
 * {@link org.ibcr.kg.publish.http.ConditionalGet} answers 304.</li>
 * <li>{@link org.ibcr.kg.publish.http.Negotiation}: {@code Accept}, with Jena's parser.</li>
 * <li>Jetty handlers around the whole server, as Fuseki modules ({@link org.ibcr.kg.publish.http.HandlerModule}):
 * the body limit (Jetty's SizeLimitHandler, with {@link org.ibcr.kg.publish.http.ChunkedBodyLimitFilter} for
 * chunked bodies), gzip, the rate limit (Jetty's DoSHandler), and {@link org.ibcr.kg.publish.http.CorsHandler}
 * (reads open to every origin, writes only from the origins named).</li>
 * <li>{@link org.ibcr.kg.publish.http.WebJars}: the front-end libraries from the jars on the classpath.</li>
 * </ul>
 */
package org.ibcr.kg.publish.http;
