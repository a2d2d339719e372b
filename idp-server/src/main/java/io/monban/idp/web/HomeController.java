package io.monban.idp.web;

import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import java.security.Principal;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The page a signed-in user lands on when they come to Monban directly. */
@Controller
public class HomeController {

    private final DirectoryService directory;

    public HomeController(DirectoryService directory) {
        this.directory = directory;
    }

    @GetMapping("/")
    public String home(Principal principal, Model model) {
        model.addAttribute("user", directory.findWithMemberships(UUID.fromString(principal.getName()))
                .map(User::getDisplayName).orElse(principal.getName()));
        return "home";
    }
}
