package io.monban.idp.saml;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The HTTP-Redirect binding (SAML bindings 3.4): DEFLATE, base64 and the query string, with the
 * optional query signature. Sizes are bounded before and after inflating, so a small message
 * cannot expand into a large one (a "zip bomb").
 */
final class RedirectBinding {

    private RedirectBinding() {
    }

    /**
     * Decodes {@code parameter} (SAMLRequest or SAMLResponse) from a raw query string. The
     * signature covers the parameters as they were encoded in the URL, so they are kept raw.
     */
    static InboundMessage decode(String rawQuery, String parameter, int maxBytes) throws SamlMessageException {
        if (rawQuery == null || rawQuery.length() > maxBytes * 2) {
            throw new SamlMessageException(rawQuery == null ? "no " + parameter : "the message is too large");
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (raw.putIfAbsent(name, eq < 0 ? "" : pair.substring(eq + 1)) != null
                    && (name.equals(parameter) || name.equals("RelayState") || name.startsWith("Sig"))) {
                throw new SamlMessageException("parameter " + name + " appears more than once");
            }
        }
        String message = raw.get(parameter);
        if (message == null || message.isEmpty()) {
            throw new SamlMessageException("no " + parameter);
        }
        String relayState = raw.containsKey("RelayState") ? urlDecode(raw.get("RelayState")) : null;
        RelayStates.check(relayState);
        byte[] xml = inflate(base64(urlDecode(message), maxBytes), maxBytes);
        InboundMessage.RedirectSignature signature = null;
        if (raw.containsKey("Signature")) {
            if (!raw.containsKey("SigAlg")) {
                throw new SamlMessageException("Signature without SigAlg");
            }
            String signed = parameter + "=" + message
                    + (raw.containsKey("RelayState") ? "&RelayState=" + raw.get("RelayState") : "")
                    + "&SigAlg=" + raw.get("SigAlg");
            signature = new InboundMessage.RedirectSignature(urlDecode(raw.get("SigAlg")),
                    base64(urlDecode(raw.get("Signature")), 4096), signed.getBytes(StandardCharsets.US_ASCII));
        }
        return new InboundMessage(InboundMessage.Binding.REDIRECT, xml, relayState, signature);
    }

    /** The URL that carries {@code xml} to {@code location}, signed by {@code signer}. */
    static String encode(String location, String parameter, String xml, String relayState, SamlSigner signer) {
        StringBuilder query = new StringBuilder(parameter).append('=').append(urlEncode(
                Base64.getEncoder().encodeToString(deflate(xml.getBytes(StandardCharsets.UTF_8)))));
        if (relayState != null) {
            query.append("&RelayState=").append(urlEncode(relayState));
        }
        query.append("&SigAlg=").append(urlEncode(SamlSigner.ALGORITHM));
        // The signature covers exactly the query so far, as sent; it is computed before
        // "&Signature=" is appended (in one chained append the receiver would grow first).
        String signature = signer.signQuery(query.toString());
        query.append("&Signature=").append(urlEncode(signature));
        return location + (location.contains("?") ? "&" : "?") + query;
    }

    static byte[] base64(String value, int maxBytes) throws SamlMessageException {
        if (value.length() > maxBytes * 4 / 3 + 4) {
            throw new SamlMessageException("the message is too large");
        }
        try {
            // Line breaks are tolerated (some SPs wrap base64), and a space is a '+' some SP left
            // unencoded in a URL; any other stray character is an error.
            return Base64.getDecoder().decode(value.replaceAll("[\\r\\n\\t]", "").replace(' ', '+'));
        } catch (IllegalArgumentException e) {
            throw new SamlMessageException("the message is not valid base64");
        }
    }

    static byte[] inflate(byte[] compressed, int maxBytes) throws SamlMessageException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new SamlMessageException("the message is not valid DEFLATE data (truncated)");
                }
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new SamlMessageException("the message is too large once inflated");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new SamlMessageException("the message is not valid DEFLATE data");
        } finally {
            inflater.end();
        }
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFLATED, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static String urlDecode(String value) throws SamlMessageException {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SamlMessageException("the query string is not valid URL encoding");
        }
    }

    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
