package io.monban.idp.saml;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The HTTP-POST binding (SAML bindings 3.5): base64 in a form field; outbound messages go in an
 * auto-submitting form (the {@code saml-post} page with {@code /js/saml-post.js}, since the
 * content security policy allows no inline script; a button submits it without script).
 */
final class PostBinding {

    private PostBinding() {
    }

    static InboundMessage decode(String message, String relayState, int maxBytes) throws SamlMessageException {
        if (message == null || message.isBlank()) {
            throw new SamlMessageException("no SAML message in the form");
        }
        RelayStates.check(relayState);
        byte[] xml = RedirectBinding.base64(message, maxBytes);
        if (xml.length > maxBytes) {
            throw new SamlMessageException("the message is too large");
        }
        return new InboundMessage(InboundMessage.Binding.POST, xml, relayState, null);
    }

    /** What the auto-submitting page needs. */
    record Form(String action, String parameter, String value, String relayState) {
    }

    static Form encode(String location, String parameter, String xml, String relayState) {
        return new Form(location, parameter,
                Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)), relayState);
    }
}
