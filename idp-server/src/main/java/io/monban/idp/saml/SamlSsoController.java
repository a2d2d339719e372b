package io.monban.idp.saml;

import io.monban.core.application.ApplicationAccess;
import io.monban.core.application.ApplicationProtocol;
import io.monban.core.application.ApplicationService;
import io.monban.idp.web.ApplicationRefusedPage;
import io.monban.idp.login.FactorTimes;
import io.monban.idp.mfa.SecondFactor;
import io.monban.idp.mfa.SecondFactorAuthorization;
import io.monban.idp.mfa.StepUp;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Single sign-on. An AuthnRequest (HTTP-Redirect or HTTP-POST) is checked where it arrives,
 * without touching the sign-in session (a cross-site POST carries no session cookie, and a new
 * session would replace the user's); the checked request then continues, sealed, at a same-site
 * GET that has the session: sign-in, ForceAuthn, IsPassive and step-up happen there, and the
 * Response goes to the registered ACS in an auto-submitting form.
 */
@Controller
class SamlSsoController {

    private static final Logger log = LoggerFactory.getLogger(SamlSsoController.class);

    private final AuthnRequestValidator validator;
    private final SealedRequests sealed;
    private final ServiceProviders providers;
    private final SamlResponseBuilder responses;
    private final NameIds nameIds;
    private final SamlSessions sessions;
    private final SamlUsers users;
    private final StepUp stepUp;
    private final SamlProperties properties;
    private final SamlPages pages;
    private final RequestCache requests;
    private final ApplicationService applications;

    SamlSsoController(AuthnRequestValidator validator, SealedRequests sealed, ServiceProviders providers,
                      SamlResponseBuilder responses, NameIds nameIds, SamlSessions sessions,
                      SamlUsers users, StepUp stepUp, SamlProperties properties, SamlPages pages,
                      RequestCache requests, ApplicationService applications) {
        this.applications = applications;
        this.pages = pages;
        this.requests = requests;
        this.validator = validator;
        this.sealed = sealed;
        this.providers = providers;
        this.responses = responses;
        this.nameIds = nameIds;
        this.sessions = sessions;
        this.users = users;
        this.stepUp = stepUp;
        this.properties = properties;
    }

    @GetMapping(SamlEndpoints.SSO)
    ModelAndView redirectBinding(HttpServletRequest request, HttpServletResponse response) throws IOException {
        InboundMessage message;
        try {
            message = RedirectBinding.decode(request.getQueryString(), "SAMLRequest", properties.maxMessageBytes());
        } catch (SamlMessageException e) {
            return refuse(SamlRejection.page(e.getMessage()), response);
        }
        return accept(message, request, response);
    }

    @PostMapping(SamlEndpoints.SSO)
    ModelAndView postBinding(@RequestParam(name = "SAMLRequest", required = false) String samlRequest,
                             @RequestParam(name = "RelayState", required = false) String relayState,
                             HttpServletRequest request, HttpServletResponse response) throws IOException {
        InboundMessage message;
        try {
            message = PostBinding.decode(samlRequest, relayState, properties.maxMessageBytes());
        } catch (SamlMessageException e) {
            return refuse(SamlRejection.page(e.getMessage()), response);
        }
        return accept(message, request, response);
    }

    private ModelAndView accept(InboundMessage message, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ValidatedAuthnRequest validated;
        try {
            validated = validator.validate(message);
        } catch (SamlRejection rejection) {
            return refuse(rejection, response);
        }
        response.sendRedirect(continuation(request, validated));
        return null;
    }

    static String continuation(HttpServletRequest request, String token) {
        return request.getContextPath() + SamlEndpoints.SSO_CONTINUE + "?request=" + RedirectBinding.urlEncode(token);
    }

    private String continuation(HttpServletRequest request, ValidatedAuthnRequest validated) {
        return continuation(request, sealed.seal(validated));
    }

    /** The answer, now with the session: sign in or step up first when needed. */
    @GetMapping(SamlEndpoints.SSO_CONTINUE)
    ModelAndView answer(@RequestParam(name = "request", required = false) String token, HttpServletRequest request,
                        HttpServletResponse response) throws IOException, ServletException {
        Optional<ValidatedAuthnRequest> opened = sealed.open(token, ValidatedAuthnRequest.class);
        Optional<ServiceProvider> known = opened.flatMap(p -> providers.find(p.spEntityId()));
        if (opened.isEmpty() || known.isEmpty()) {
            return SamlPages.errorMessage("saml.error.expired", response);
        }
        ValidatedAuthnRequest pending = opened.get();
        ServiceProvider sp = known.get();
        SamlRejection.ReplyTo replyTo = new SamlRejection.ReplyTo(sp, pending.acsUrl(),
                SAMLConstants.SAML2_POST_BINDING_URI, pending.requestId(), pending.relayState());

        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        if (!signedIn || SecondFactor.isMissing(authentication)) {
            if (pending.passive()) {
                return refuse(new SamlRejection(StatusCode.RESPONDER, StatusCode.NO_PASSIVE,
                        "the user is not signed in", replyTo), response);
            }
            if (!signedIn) {
                requests.saveRequest(request, response);
                response.sendRedirect(request.getContextPath() + "/login");
            } else {
                SecondFactorAuthorization.deniedHandler(requests).handle(request, response,
                        new AccessDeniedException("second factor missing"));
            }
            return null;
        }
        if (pending.forceAuthn() && !FactorTimes.latest(authentication).map(t -> t.isAfter(pending.validatedAt()))
                .orElse(false)) {
            if (pending.passive()) {
                return refuse(new SamlRejection(StatusCode.RESPONDER, StatusCode.NO_PASSIVE,
                        "ForceAuthn needs a new sign-in, which IsPassive forbids", replyTo), response);
            }
            requests.saveRequest(request, response);
            response.sendRedirect(request.getContextPath() + "/login?reauth");
            return null;
        }
        AuthnContexts.Requirement requirement = AuthnContexts.evaluate(pending.comparison(),
                pending.requestedContexts(), sp.spec().requireMfa());
        if (requirement.requiredLevel().isEmpty()) {
            return refuse(new SamlRejection(StatusCode.RESPONDER, StatusCode.NO_AUTHN_CONTEXT,
                    "Monban cannot authenticate at the requested AuthnContext", replyTo), response);
        }
        if (requirement.requiredLevel().get() >= 2 && !stepUp.isSatisfied(authentication)) {
            if (!stepUp.canStart(authentication)) {
                return refuse(new SamlRejection(StatusCode.RESPONDER, StatusCode.NO_AUTHN_CONTEXT,
                        "a second factor cannot be asked for in this sign-in", replyTo), response);
            }
            if (pending.passive()) {
                return refuse(new SamlRejection(StatusCode.RESPONDER, StatusCode.NO_PASSIVE,
                        "a second factor is needed, which IsPassive forbids", replyTo), response);
            }
            stepUp.start(authentication, request, response);
            return null;
        }
        int level = SecondFactor.passedSecondFactor(authentication) ? 2 : 1;
        UUID userId = UUID.fromString(authentication.getName());
        Optional<SamlUsers.SamlUser> user = users.signInAllowed(userId);
        if (user.isEmpty()) {
            return refuse(new SamlRejection(StatusCode.RESPONDER, StatusCode.REQUEST_DENIED,
                    "the user may not sign in", replyTo), response);
        }
        if (applications.enter(ApplicationProtocol.SAML, sp.entityId(), userId)
                instanceof ApplicationAccess.Refused refused) {
            return refuseEntry(refused, replyTo, pending.passive(), response);
        }
        Optional<SamlResponseBuilder.NameIdentity> subject = nameIds.subject(sp, user.get());
        if (subject.isEmpty()) {
            return refuse(new SamlRejection(StatusCode.RESPONDER, StatusCode.INVALID_NAMEID_POLICY,
                    "the user has no value for the SP's NameID format", replyTo), response);
        }
        String sessionIndex = SamlSessions.sessionIndex(request.getSession());
        String contextClass = requirement.classFor(level);
        Instant authnInstant = FactorTimes.latest(authentication).orElseThrow();
        String xml = responses.success(sp, pending, user.get(), subject.get(), authnInstant, sessionIndex,
                contextClass);
        sessions.recordAssertion(new SamlSessions.Participant(sp.entityId(), subject.get().nameId(),
                subject.get().format(), sessionIndex, userId), contextClass);
        return pages.post(PostBinding.encode(pending.acsUrl(), "SAMLResponse", xml, pending.relayState()),
                response);
    }

    /**
     * The application is not open to the user: the user is told why, and the page's button takes
     * a {@code RequestDenied} Response to the SP. With IsPassive no page may be shown, so the
     * Response goes at once.
     */
    private ModelAndView refuseEntry(ApplicationAccess.Refused refused, SamlRejection.ReplyTo to, boolean passive,
                                     HttpServletResponse response) throws IOException {
        SamlRejection rejection = new SamlRejection(StatusCode.RESPONDER, StatusCode.REQUEST_DENIED,
                "the application is not available to this user", to);
        if (passive) {
            return refuse(rejection, response);
        }
        String xml = responses.error(to.location(), to.inResponseTo(), rejection.statusCode(),
                rejection.subStatusCode(), rejection.getMessage());
        PostBinding.Form form = PostBinding.encode(to.location(), "SAMLResponse", xml, to.relayState());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setHeader("Cache-Control", "no-store");
        ModelAndView page = new ModelAndView(ApplicationRefusedPage.TEMPLATE);
        page.addObject("appName", refused.applicationName());
        page.addObject("reason", ApplicationRefusedPage.reason(refused));
        page.addObject("postAction", form.action());
        page.addObject("postParameter", form.parameter());
        page.addObject("postValue", form.value());
        page.addObject("postRelayState", form.relayState());
        return page;
    }

    /** A SAML error Response to the registered ACS when the request's SP is known, else an error page. */
    ModelAndView refuse(SamlRejection rejection, HttpServletResponse response) throws IOException {
        SamlRejection.ReplyTo to = rejection.replyTo();
        log.info("saml request refused sp={} reason=\"{}\"",
                to == null ? "-" : AuthnRequestValidator.abbreviate(to.sp().entityId()), rejection.getMessage());
        if (to == null) {
            return SamlPages.error(rejection.getMessage(), response);
        }
        String xml = responses.error(to.location(), to.inResponseTo(), rejection.statusCode(),
                rejection.subStatusCode(), rejection.getMessage());
        return pages.post(PostBinding.encode(to.location(), "SAMLResponse", xml, to.relayState()), response);
    }
}
