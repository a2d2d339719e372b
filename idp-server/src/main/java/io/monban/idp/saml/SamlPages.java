package io.monban.idp.saml;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.HtmlUtils;

/**
 * The two pages SAML endpoints answer with. The auto-submitting form is written directly rather
 * than through a template: it is on every SSO answer, mostly one large base64 value, and
 * Thymeleaf's processing of it cost a sixth of the answer. It carries no CSRF token and creates
 * no session (it also answers cross-site posts, which arrive without the session cookie); its
 * script is a file ({@code /saml2/post.js}), since the content security policy allows no inline
 * script, and a button submits it without script.
 */
@Component
class SamlPages {

    private final MessageSource messages;

    SamlPages(MessageSource messages) {
        this.messages = messages;
    }

    ModelAndView post(PostBinding.Form form, HttpServletResponse response) throws IOException {
        Locale locale = LocaleContextHolder.getLocale();
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        String context = request.getContextPath();
        StringBuilder html = new StringBuilder(form.value().length() + 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(HtmlUtils.htmlEscape(locale.getLanguage()))
                .append("\">\n<head>\n  <meta charset=\"utf-8\">\n")
                .append("  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("  <title>").append(text("saml.post.title", locale)).append(" | Monban</title>\n")
                .append("  <link rel=\"stylesheet\" href=\"").append(context).append("/css/monban.css\">\n")
                .append("</head>\n<body>\n<main class=\"card\">\n")
                .append("  <form id=\"saml-post\" method=\"post\" action=\"").append(HtmlUtils.htmlEscape(form.action()))
                .append("\">\n    <input type=\"hidden\" name=\"").append(form.parameter()).append("\" value=\"")
                .append(HtmlUtils.htmlEscape(form.value())).append("\">\n");
        if (form.relayState() != null) {
            html.append("    <input type=\"hidden\" name=\"RelayState\" value=\"")
                    .append(HtmlUtils.htmlEscape(form.relayState())).append("\">\n");
        }
        html.append("    <p>").append(text("saml.post.wait", locale)).append("</p>\n")
                .append("    <button type=\"submit\" id=\"saml-post-continue\">").append(text("saml.post.continue", locale))
                .append("</button>\n  </form>\n</main>\n<script src=\"").append(context)
                .append("/saml2/post.js\"></script>\n</body>\n</html>\n");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return null;
    }

    /** A refusal the user can act on, in the user's language ({@code key} in messages.properties). */
    static ModelAndView errorMessage(String key, HttpServletResponse response) {
        ModelAndView page = error(null, response);
        page.addObject("messageKey", key);
        return page;
    }

    /**
     * A refusal that cannot safely go to the SP: shown to the user, with the protocol reason (the
     * same English text an SP would get as StatusMessage, for the administrator to act on).
     */
    static ModelAndView error(String message, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setHeader("Cache-Control", "no-store");
        ModelAndView page = new ModelAndView("saml-error");
        page.addObject("message", message);
        return page;
    }

    private String text(String key, Locale locale) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, null, key, locale));
    }
}
