package io.monban.idp.oidc;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The consent page: which app asks for which access, in the user's language. */
@Controller
public class ConsentController {

    static final String PATH = "/oauth2/consent";

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;

    public ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
        this.clients = clients;
        this.consents = consents;
    }

    @GetMapping(PATH)
    public String consent(Principal principal, Model model, @RequestParam("client_id") String clientId,
                          @RequestParam("scope") String scope, @RequestParam("state") String state) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown client");
        }
        OAuth2AuthorizationConsent current = consents.findById(client.getId(), principal.getName());
        Set<String> granted = current == null ? Set.of() : current.getScopes();
        Set<String> toApprove = new LinkedHashSet<>();
        Set<String> alreadyApproved = new LinkedHashSet<>();
        for (String s : scope.split(" ")) {
            if (s.isBlank() || OidcScopes.OPENID.equals(s)) {
                continue;
            }
            (granted.contains(s) ? alreadyApproved : toApprove).add(s);
        }
        model.addAttribute("clientId", clientId);
        model.addAttribute("clientName", client.getClientName());
        model.addAttribute("state", state);
        model.addAttribute("scopes", List.copyOf(toApprove));
        model.addAttribute("approvedScopes", List.copyOf(alreadyApproved));
        return "consent";
    }
}
