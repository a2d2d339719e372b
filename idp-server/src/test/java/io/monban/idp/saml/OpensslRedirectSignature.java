package io.monban.idp.saml;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an HTTP-Redirect query signature the way an SP does (SAML bindings 3.4.4.1), with
 * openssl and none of Monban's or OpenSAML's code: the signed octets are
 * {@code SAMLRequest|SAMLResponse=v&RelayState=v&SigAlg=v} with each value exactly as it appears
 * in the query received, and the key is a signing certificate of Monban's metadata.
 */
final class OpensslRedirectSignature {

    private OpensslRedirectSignature() {
    }

    /** The query's parameters with their values as received (still URL-encoded), in order. */
    static Map<String, String> rawParameters(String rawQuery) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            raw.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return raw;
    }

    /** True when the query's Signature verifies with one of {@code certificates} (base64 DER). */
    static boolean verifies(String rawQuery, List<String> certificates) throws IOException, InterruptedException {
        Map<String, String> raw = rawParameters(rawQuery);
        String message = raw.containsKey("SAMLResponse") ? "SAMLResponse" : "SAMLRequest";
        if (!raw.containsKey(message) || !raw.containsKey("SigAlg") || !raw.containsKey("Signature")) {
            return false;
        }
        String algorithm = URLDecoder.decode(raw.get("SigAlg"), StandardCharsets.UTF_8);
        if (!"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256".equals(algorithm)) {
            throw new AssertionError("unexpected SigAlg " + algorithm);
        }
        String signed = message + "=" + raw.get(message)
                + (raw.containsKey("RelayState") ? "&RelayState=" + raw.get("RelayState") : "")
                + "&SigAlg=" + raw.get("SigAlg");
        Path directory = Files.createTempDirectory("redirect-signature");
        Path data = Files.write(directory.resolve("signed.txt"), signed.getBytes(StandardCharsets.US_ASCII));
        Path signature = Files.write(directory.resolve("signature.bin"), Base64.getDecoder().decode(
                URLDecoder.decode(raw.get("Signature"), StandardCharsets.UTF_8)));
        for (String certificate : certificates) {
            Path pem = Files.writeString(directory.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                    + certificate.replaceAll("\\s", "") + "\n-----END CERTIFICATE-----\n");
            Path publicKey = directory.resolve("public.pem");
            if (run("openssl", "x509", "-in", pem.toString(), "-noout", "-pubkey", "-out", publicKey.toString()) != 0) {
                throw new AssertionError("openssl cannot read the metadata certificate");
            }
            if (run("openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature", signature.toString(),
                    data.toString()) == 0) {
                return true;
            }
        }
        return false;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }
}
