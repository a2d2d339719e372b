package io.monban.idp.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The language switch of every page: the same page with the same query, only {@code lang}
 * replaced, so that switching in the middle of a flow (consent, second factor, a console search)
 * shows that page again instead of losing its parameters. An error page links to the request
 * that failed. Links are paths on this server, never absolute URLs.
 */
@ControllerAdvice
class LanguageLinks {

    static final String ATTRIBUTE = "languageLinks";

    @ModelAttribute(ATTRIBUTE)
    Map<String, String> languageLinks(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        boolean error = failed instanceof String;
        String path = error ? (String) failed : request.getRequestURI();
        String query = error ? (String) request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING) : request.getQueryString();
        Map<String, String> links = new LinkedHashMap<>();
        for (Locale language : LocaleConfiguration.SUPPORTED) {
            links.put(language.getLanguage(), link(path, query, language.getLanguage()));
        }
        return links;
    }

    /** {@code path?query} with {@code lang} set; the query keeps its encoding as received. */
    static String link(String path, String query, String language) {
        // "//host" would be a link to another server.
        String local = "/" + path.replaceFirst("^/+", "");
        return UriComponentsBuilder.fromPath(local).query(query).replaceQueryParam("lang", language).build()
                .toUriString();
    }
}
