package org.ibcr.kg.publish.site;

import java.io.IOException;

import org.ibcr.kg.publish.http.ErrorReply;
import org.ibcr.kg.publish.http.HttpError;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One route as a servlet: GET and HEAD go to its handler, whose reply is sent as it is (HEAD without the body);
 * OPTIONS lists the methods; anything else is 405. Every {@link HttpError} goes to the error path.
 */
final class RouteServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_PATH = 512;
    private static final String ALLOW = "GET, HEAD, OPTIONS";

    private final transient Route route;
    private final transient SiteAddress address;
    private final transient ErrorReply errors;

    RouteServlet(Route route, SiteAddress address, ErrorReply errors) {
        this.route = route;
        this.address = address;
        this.errors = errors;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            switch (req.getMethod()) {
                case "GET", "HEAD" -> {
                    checkPath(req);
                    route.handler().handle(new Exchange(req, address)).send(req, resp);
                }
                case "OPTIONS" -> {
                    resp.setHeader("Allow", ALLOW);
                    resp.setStatus(204);
                }
                default -> {
                    resp.setHeader("Allow", ALLOW);
                    throw new HttpError(405, "method.allowed", ALLOW);
                }
            }
        } catch (HttpError e) {
            errors.send(req, resp, e);
        }
    }

    /** Refuses paths no route would answer anyway, before any work: too long, dot segments, control characters. */
    private static void checkPath(HttpServletRequest req) {
        if (req.getRequestURI().length() > MAX_PATH) throw new HttpError(414, "address.too_long");
        String info = req.getPathInfo();
        if (info != null && (info.contains("..") || info.contains("//") || info.contains("\\")
                || info.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw HttpError.badRequest("path.malformed");
        }
    }

    @Override
    public String toString() {
        return "route " + route.pathSpec();
    }
}
