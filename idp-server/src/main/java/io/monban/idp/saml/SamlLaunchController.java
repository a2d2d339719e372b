package io.monban.idp.saml;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * IdP-initiated SSO: {@code /saml2/launch?sp=<entityID>&RelayState=...} (the launch URL of an
 * app) sends an unsolicited Response to the SP's default ACS, after sign-in if needed.
 */
@Controller
class SamlLaunchController {

    private final ServiceProviders providers;
    private final SealedRequests sealed;
    private final Clock clock;

    SamlLaunchController(ServiceProviders providers, SealedRequests sealed, Clock clock) {
        this.providers = providers;
        this.sealed = sealed;
        this.clock = clock;
    }

    @GetMapping(SamlEndpoints.LAUNCH)
    ModelAndView launch(@RequestParam(name = "sp", required = false) String entityId,
                        @RequestParam(name = "RelayState", required = false) String relayState,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<ServiceProvider> sp = providers.find(entityId);
        if (sp.isEmpty()) {
            return SamlPages.error("unknown service provider " + AuthnRequestValidator.abbreviate(entityId), response);
        }
        try {
            RelayStates.check(relayState);
        } catch (SamlMessageException e) {
            return SamlPages.error(e.getMessage(), response);
        }
        ValidatedAuthnRequest unsolicited = new ValidatedAuthnRequest(sp.get().entityId(), null,
                sp.get().defaultAcs().location(), relayState, false, false, null, List.of(), clock.instant());
        response.sendRedirect(SamlSsoController.continuation(request, sealed.seal(unsolicited)));
        return null;
    }
}
