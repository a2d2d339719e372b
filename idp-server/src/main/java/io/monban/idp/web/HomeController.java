package io.monban.idp.web;

import io.monban.core.application.Application;
import io.monban.core.application.ApplicationProtocol;
import io.monban.core.application.ApplicationService;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.UriComponentsBuilder;

/** The page a signed-in user lands on when they come to Monban directly: their applications. */
@Controller
public class HomeController {

    /** IdP-initiated SAML sign-on (see {@code SamlLaunchController}). */
    private static final String SAML_LAUNCH = "/saml2/launch";

    private final DirectoryService directory;
    private final ApplicationService applications;

    public HomeController(DirectoryService directory, ApplicationService applications) {
        this.directory = directory;
        this.applications = applications;
    }

    /** An application on the home page; {@code launchUrl} is null when it can only be opened from itself. */
    public record Tile(String name, String launchUrl) {
    }

    @GetMapping("/")
    public String home(Principal principal, Model model) {
        UUID userId = UUID.fromString(principal.getName());
        model.addAttribute("user", directory.findWithMemberships(userId)
                .map(User::getDisplayName).orElse(principal.getName()));
        List<Tile> tiles = applications.assignedTo(userId).stream()
                .map(app -> new Tile(app.getName(), launchUrl(app).orElse(null))).toList();
        model.addAttribute("applications", tiles);
        return "home";
    }

    private static Optional<String> launchUrl(Application app) {
        if (app.getProtocol() == ApplicationProtocol.SAML) {
            return Optional.of(UriComponentsBuilder.fromPath(SAML_LAUNCH).queryParam("sp", "{sp}")
                    .encode().buildAndExpand(app.getProtocolRef()).toUriString());
        }
        return app.getLaunchUrl();
    }
}
