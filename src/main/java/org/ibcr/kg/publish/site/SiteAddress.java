package org.ibcr.kg.publish.site;

import java.util.Objects;
import java.util.Optional;

import org.ibcr.kg.vocab.IBCR;

/**
 * Maps the IRIs minted under the canonical base (such as {@code https://w3id.org/ibcr/id/city/paris}) to
 * this server's URLs ({@code /page/city/paris}, {@code /data/city/paris.ttl}), so every link works on
 * localhost; {@code publicBase} makes the URLs absolute when the server runs behind a proxy.
 */
record SiteAddress(String canonicalBase, String publicBase) {
    SiteAddress {
        Objects.requireNonNull(canonicalBase, "canonicalBase");
        Objects.requireNonNull(publicBase, "publicBase");
        if (publicBase.endsWith("/")) publicBase = publicBase.substring(0, publicBase.length() - 1);
    }

    /** The {@code kind/slug} (or {@code section/{section}/{n}}) of a minted resource IRI (its fragment dropped), if it is one. */
    Optional<String> resourcePath(String iri) {
        String prefix = canonicalBase + "id/";
        if (!iri.startsWith(prefix)) return Optional.empty();
        String rest = iri.substring(prefix.length());
        int hash = rest.indexOf('#');
        if (hash >= 0) rest = rest.substring(0, hash);
        return rest.matches(ResourceRoutes.RESOURCE_PATH) ? Optional.of(rest) : Optional.empty();
    }

    /** The canonical IRI of {@code kind/slug}. */
    String canonical(String resourcePath) {
        return canonicalBase + "id/" + resourcePath;
    }

    /** A URL on this server for a path starting with '/'. */
    String url(String path) {
        return publicBase + path;
    }

    String page(String resourcePath) {
        return url("/page/" + resourcePath);
    }

    String data(String resourcePath, String extension) {
        return url("/data/" + resourcePath + "." + extension);
    }

    /** Where a link to {@code iri} should go: the page of a minted resource, the ontology page, or the IRI itself. */
    String link(String iri) {
        Optional<String> path = resourcePath(iri);
        if (path.isPresent()) return page(path.get()) + fragmentOf(iri);
        if (iri.equals(IBCR.ONTOLOGY) || iri.startsWith(IBCR.NS)) return url("/ontology") + fragmentOf(iri);
        if (iri.equals(canonicalBase + "dataset")) return url("/");
        return iri;
    }

    private static String fragmentOf(String iri) {
        int hash = iri.indexOf('#');
        return hash < 0 ? "" : iri.substring(hash);
    }
}
