package io.monban.idp.saml;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/** The two pages SAML endpoints answer with: the auto-submitting form and the error page. */
final class SamlPages {

    private SamlPages() {
    }

    static ModelAndView post(PostBinding.Form form, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        ModelAndView page = new ModelAndView("saml-post");
        page.addObject("form", form);
        return page;
    }

    /** A refusal that cannot safely go to the SP: shown to the user, with the reason. */
    static ModelAndView error(String message, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setHeader("Cache-Control", "no-store");
        ModelAndView page = new ModelAndView("saml-error");
        page.addObject("message", message);
        return page;
    }
}
