package org.ibcr.kg.publish.site;

import java.io.IOException;

import org.ibcr.kg.publish.http.ErrorReply;
import org.ibcr.kg.publish.http.HttpError;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The site's error page, in the reader's language with the site's navigation and the class indexes. It is
 * what {@link ErrorReply} shows browsers, both for the errors of the routes and, through the servlet at
 * {@link #PATH} (Jetty's error page), for the errors Jetty answers itself: an unknown path, a method not
 * allowed, a failure.
 */
final class ErrorPages implements ErrorReply.HtmlPage {
    /** Where Jetty sends the errors it answers itself (an error dispatch; asked for directly, it is a 404). */
    static final String PATH = "/$/error";

    private final Site site;

    ErrorPages(Site site) {
        this.site = site;
    }

    @Override
    public ErrorReply.Page render(ErrorReply.Asked asked, int status, String message) {
        String lang = asked.language();
        Pages.Page page = new PageModels(site, lang, false).error(status, message);
        return new ErrorReply.Page(site.render("error", page.frame(), page.body()), lang);
    }

    /** The servlet Jetty's error handler dispatches to: renders the status it was given, with a message of ours. */
    static final class JettyErrors extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient ErrorReply errors;

        JettyErrors(ErrorReply errors) {
            this.errors = errors;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 404;
            errors.send(req, resp, HttpError.forStatus(status));
        }
    }
}
