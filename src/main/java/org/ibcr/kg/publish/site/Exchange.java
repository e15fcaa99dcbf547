package org.ibcr.kg.publish.site;

import org.ibcr.kg.publish.http.ErrorMessages;
import org.ibcr.kg.publish.http.HttpError;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request as a route sees it: the path info after its path spec, the page language, and the server's own
 * absolute URL.
 */
final class Exchange {
    private final HttpServletRequest request;
    private final SiteAddress address;

    Exchange(HttpServletRequest request, SiteAddress address) {
        this.request = request;
        this.address = address;
    }

    HttpServletRequest request() {
        return request;
    }

    /** The path after the route's spec, without its leading '/', or "" (the servlet's path info, decoded). */
    String pathInfo() {
        String info = request.getPathInfo();
        return info == null || info.equals("/") ? "" : info.substring(1);
    }

    /** The path the route was reached by: servlet path and path info. */
    String path() {
        String info = request.getPathInfo();
        return request.getServletPath() + (info == null ? "" : info);
    }

    String header(String name) {
        return request.getHeader(name);
    }

    String parameter(String name) {
        return request.getParameter(name);
    }

    /** Whether the reader chose the page language in the address: the page's links then keep {@code ?lang=}. */
    boolean langInAddress() {
        return request.getParameter("lang") != null;
    }

    /** The page language: {@code ?lang=} when given (en or fr, else 400), then Accept-Language, then English. */
    String lang() {
        String param = request.getParameter("lang");
        if (param != null) {
            if (!Site.LANGUAGES.contains(param)) throw HttpError.badRequest("lang.unknown");
            return param;
        }
        return preferredLanguage(request.getHeader("Accept-Language"));
    }

    /** The best of Accept-Language among the site's languages, else English: as the error replies choose theirs. */
    private static String preferredLanguage(String header) {
        return ErrorMessages.language(null, header);
    }

    /** The server's absolute URL: the public base, or the scheme, host and port the request came to. */
    String absoluteBase() {
        if (!address.publicBase().isEmpty()) return address.publicBase();
        int port = request.getServerPort();
        boolean defaultPort = (request.getScheme().equals("http") && port == 80) || (request.getScheme().equals("https") && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
