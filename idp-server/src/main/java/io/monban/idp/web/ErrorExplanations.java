package io.monban.idp.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page says what went wrong and what to do, in the page's language. Spring
 * Authorization Server answers an authorization request whose client or redirect URI cannot be
 * trusted with an error page (sending the user to an unverified redirect URI would be an open
 * redirect); its reason ({@code [invalid_request] OAuth 2.0 Parameter: client_id}) is read here
 * and turned into a message key. The page links to Monban's home page only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorExplanations implements ErrorViewResolver {

    static final String MESSAGE_KEY = "messageKey";
    private static final Pattern OAUTH_PARAMETER = Pattern.compile("^\\[(\\w+)] OAuth 2\\.0 Parameter: (\\w+)");

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Map<String, Object> explained = new HashMap<>(model);
        explained.put(MESSAGE_KEY, key(status, request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String m
                ? m : ""));
        return new ModelAndView("error", explained, status);
    }

    static String key(HttpStatus status, String reason) {
        Matcher oauth = OAUTH_PARAMETER.matcher(reason);
        if (oauth.find()) {
            return switch (oauth.group(2)) {
                case "client_id" -> "error.oauth.client";
                case "redirect_uri" -> "error.oauth.redirect-uri";
                default -> "error.oauth.request";
            };
        }
        if ("unknown client".equals(reason)) {
            return "error.oauth.client";
        }
        return switch (status) {
            case NOT_FOUND -> "error.not-found";
            case FORBIDDEN -> "error.forbidden";
            default -> status.is5xxServerError() ? "error.server" : "error.request";
        };
    }
}
