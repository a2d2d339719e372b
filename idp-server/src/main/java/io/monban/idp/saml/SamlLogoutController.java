package io.monban.idp.saml;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opensaml.saml.saml2.core.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Single logout. SP-initiated: a LogoutRequest (Redirect or POST) is checked where it arrives
 * and continues, sealed, at a same-site GET that has the session; that ends the Monban session
 * and its SAML session, then the other SPs of the session are told in turn, and the SP that asked
 * gets its LogoutResponse. IdP-initiated: a signed-in user's POST to {@code /saml2/logout} does the
 * same without an initiating SP. LogoutResponses from SPs arrive here too and continue the chain.
 */
@Controller
class SamlLogoutController {

    private static final Logger log = LoggerFactory.getLogger(SamlLogoutController.class);

    private final LogoutMessages messages;
    private final SingleLogout logout;
    private final SamlSessions sessions;
    private final SealedRequests sealed;
    private final ServiceProviders providers;
    private final SamlProperties properties;
    private final SamlPages pages;

    SamlLogoutController(LogoutMessages messages, SingleLogout logout, SamlSessions sessions, SealedRequests sealed,
                         ServiceProviders providers, SamlProperties properties, SamlPages pages) {
        this.pages = pages;
        this.messages = messages;
        this.logout = logout;
        this.sessions = sessions;
        this.sealed = sealed;
        this.providers = providers;
        this.properties = properties;
    }

    @GetMapping(SamlEndpoints.SLO)
    ModelAndView redirectBinding(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean isResponse = request.getParameter("SAMLResponse") != null;
        try {
            InboundMessage message = RedirectBinding.decode(request.getQueryString(),
                    isResponse ? "SAMLResponse" : "SAMLRequest", properties.maxMessageBytes());
            return isResponse ? logoutResponse(message, response) : logoutRequest(message, request, response);
        } catch (SamlMessageException e) {
            return refuse(SamlRejection.page(e.getMessage()), response);
        }
    }

    @PostMapping(SamlEndpoints.SLO)
    ModelAndView postBinding(@RequestParam(name = "SAMLRequest", required = false) String samlRequest,
                             @RequestParam(name = "SAMLResponse", required = false) String samlResponse,
                             @RequestParam(name = "RelayState", required = false) String relayState,
                             HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (samlResponse != null) {
                return logoutResponse(PostBinding.decode(samlResponse, relayState, properties.maxMessageBytes()),
                        response);
            }
            return logoutRequest(PostBinding.decode(samlRequest, relayState, properties.maxMessageBytes()), request,
                    response);
        } catch (SamlMessageException e) {
            return refuse(SamlRejection.page(e.getMessage()), response);
        }
    }

    private ModelAndView logoutRequest(InboundMessage message, HttpServletRequest request,
                                       HttpServletResponse response) throws IOException {
        LogoutMessages.ValidatedLogoutRequest validated;
        try {
            validated = messages.validateRequest(message);
        } catch (SamlRejection rejection) {
            return refuse(rejection, response);
        }
        response.sendRedirect(request.getContextPath() + SamlEndpoints.SLO_CONTINUE + "?request="
                + RedirectBinding.urlEncode(sealed.seal(validated)));
        return null;
    }

    /** The SP's LogoutRequest, now with the session cookie. */
    @GetMapping(SamlEndpoints.SLO_CONTINUE)
    ModelAndView endSession(@RequestParam(name = "request", required = false) String token,
                            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<LogoutMessages.ValidatedLogoutRequest> opened = sealed.open(token,
                LogoutMessages.ValidatedLogoutRequest.class);
        Optional<ServiceProvider> sp = opened.flatMap(v -> providers.find(v.spEntityId()));
        if (sp.isEmpty()) {
            return SamlPages.errorMessage("saml.logout.expired", response);
        }
        LogoutMessages.ValidatedLogoutRequest pending = opened.get();
        HttpSession session = request.getSession(false);
        String index = session == null ? null : (String) session.getAttribute(SamlSessions.SESSION_INDEX);
        List<SamlSessions.Participant> participants = index == null ? List.of() : sessions.participants(index);
        if (index == null || participants.isEmpty()) {
            // No Monban session (any more): the SP's goal, this user signed out here, holds.
            return send(messages.response(sp.get(), pending.requestId(), StatusCode.SUCCESS, null, null,
                    pending.relayState()), response);
        }
        boolean matches = participants.stream().anyMatch(p -> p.spEntityId().equals(pending.spEntityId())
                && p.nameId().equals(pending.nameId()))
                && (pending.sessionIndexes().isEmpty() || pending.sessionIndexes().contains(index));
        if (!matches) {
            return send(messages.response(sp.get(), pending.requestId(), StatusCode.REQUESTER,
                    StatusCode.UNKNOWN_PRINCIPAL, "the NameID or SessionIndex is not this browser's session",
                    pending.relayState()), response);
        }
        List<SamlSessions.Participant> others = participants.stream()
                .filter(p -> !p.spEntityId().equals(pending.spEntityId())).toList();
        endMonbanSession(index, participants.get(0).userId(), request);
        return send(logout.proceed(new SingleLogout.Progress(others, pending.spEntityId(), pending.requestId(),
                pending.relayState(), false, null)), response);
    }

    /** IdP-initiated: the signed-in user signs out of Monban and every SP of this session. */
    @PostMapping(SamlEndpoints.IDP_LOGOUT)
    ModelAndView signOutEverywhere(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        String index = session == null ? null : (String) session.getAttribute(SamlSessions.SESSION_INDEX);
        List<SamlSessions.Participant> participants = index == null ? List.of() : sessions.participants(index);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        endMonbanSession(index, UUID.fromString(authentication.getName()), request);
        return send(logout.proceed(new SingleLogout.Progress(participants, null, null, null, false, null)), response);
    }

    private ModelAndView logoutResponse(InboundMessage message, HttpServletResponse response) throws IOException {
        LogoutMessages.ValidatedLogoutResponse validated;
        try {
            validated = messages.validateResponse(message);
        } catch (SamlRejection rejection) {
            return refuse(rejection, response);
        }
        Optional<SingleLogout.Progress> progress = logout.resume(validated.inResponseTo(), validated.spEntityId(),
                StatusCode.SUCCESS.equals(validated.status()));
        if (progress.isEmpty()) {
            return SamlPages.errorMessage("saml.logout.unknown", response);
        }
        return send(logout.proceed(progress.get()), response);
    }

    private void endMonbanSession(String index, UUID userId, HttpServletRequest request) {
        if (index != null) {
            sessions.end(index, userId, "single-logout");
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    private ModelAndView send(Optional<LogoutMessages.Outbound> outbound, HttpServletResponse response)
            throws IOException {
        if (outbound.isEmpty()) {
            response.sendRedirect("/logged-out");
            return null;
        }
        if (outbound.get() instanceof LogoutMessages.Redirect redirect) {
            response.setHeader("Cache-Control", "no-store");
            response.sendRedirect(redirect.url());
            return null;
        }
        return pages.post(((LogoutMessages.Post) outbound.get()).form(), response);
    }

    private ModelAndView refuse(SamlRejection rejection, HttpServletResponse response) throws IOException {
        log.info("saml logout refused reason=\"{}\"", rejection.getMessage());
        SamlRejection.ReplyTo to = rejection.replyTo();
        if (to == null) {
            return SamlPages.error(rejection.getMessage(), response);
        }
        return send(messages.response(to.sp(), to.inResponseTo(), rejection.statusCode(), rejection.subStatusCode(),
                rejection.getMessage(), to.relayState()), response);
    }
}
