package io.monban.idp.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** The page of an OIDC sign-in refused because the application is not open to the user. */
@Controller
class ApplicationRefusedController {

    @GetMapping(RefusedEntry.PAGE)
    ModelAndView refused(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        ModelAndView page = new ModelAndView(ApplicationRefusedPage.TEMPLATE);
        RefusedEntry.take(request.getSession(false)).ifPresentOrElse(entry -> {
            page.addObject("appName", entry.application());
            page.addObject("reason", entry.reason());
            page.addObject("continueUrl", entry.continueUrl());
        }, () -> page.addObject("reason", "not_assigned"));
        return page;
    }
}
