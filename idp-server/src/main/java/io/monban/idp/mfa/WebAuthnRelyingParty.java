package io.monban.idp.mfa;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.CredentialPropertiesOutput;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.monban.core.credential.NewWebAuthnCredential;
import io.monban.core.credential.WebAuthnCredential;
import io.monban.core.credential.WebAuthnCredentials;
import io.monban.core.directory.User;
import io.monban.idp.mfa.WebAuthnCeremony.Purpose;
import io.monban.idp.mfa.WebAuthnRejectedException.Reason;
import io.monban.idp.web.MonbanProperties;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Monban as a WebAuthn relying party: builds the options the browser passes to the
 * authenticator and verifies the answers with WebAuthn4J.
 *
 * <p>Spring Security's {@code Webauthn4JRelyingPartyOperations} does not fit here: it checks an
 * assertion's counter against the counter at registration instead of the last one seen (so a
 * cloned key would pass), and its options are not serializable for database sessions.
 */
@Component
public class WebAuthnRelyingParty {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final int CHALLENGE_BYTES = 32;
    /** EdDSA, ES256, RS256: what security keys, platform authenticators and Windows Hello use. */
    private static final List<Long> ALGORITHMS = List.of(-8L, -7L, -257L);

    private final WebAuthnManager verifier = WebAuthnManager.createNonStrictWebAuthnManager();
    private final ObjectConverter converter = new ObjectConverter();
    private final SecureRandom random = new SecureRandom();
    private final WebAuthnCredentials credentials;
    private final JsonMapper json;
    private final Clock clock;
    private final String rpId;
    private final String rpName;
    private final Set<Origin> origins;
    private final WebAuthnProperties properties;

    public WebAuthnRelyingParty(WebAuthnProperties properties, MonbanProperties monban,
                                WebAuthnCredentials credentials, JsonMapper json, Clock clock) {
        URI issuer = URI.create(monban.issuer());
        this.properties = properties;
        this.credentials = credentials;
        this.json = json;
        this.clock = clock;
        this.rpId = properties.rpId().isBlank() ? issuer.getHost() : properties.rpId();
        this.rpName = properties.rpName();
        List<String> allowed = properties.origins().isEmpty()
                ? List.of(issuer.getScheme() + "://" + issuer.getRawAuthority()) : properties.origins();
        this.origins = allowed.stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    /** Options as the browser's {@code PublicKeyCredential.parse*OptionsFromJSON} takes them. */
    public record Options(String json, WebAuthnCeremony ceremony) {
    }

    /** A verified assertion: whose key it was and what the authenticator said about the user. */
    public record Assertion(WebAuthnCredential credential, boolean userVerified) {
    }

    /**
     * Registration of a new authenticator for {@code user}. A passkey is discoverable and must
     * verify the user (PIN or biometric), so it can later sign in on its own; a security key is a
     * second factor after the password.
     */
    Options registration(User user, boolean passkey) {
        WebAuthnCeremony ceremony = ceremony(Purpose.REGISTRATION, user.getId(), passkey);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rp", Map.of("id", rpId, "name", rpName));
        options.put("user", Map.of("id", B64URL.encodeToString(userHandle(user.getId())),
                "name", user.getUsername(),
                "displayName", user.getDisplayName() == null ? user.getUsername() : user.getDisplayName()));
        options.put("challenge", B64URL.encodeToString(ceremony.challenge()));
        options.put("pubKeyCredParams", ALGORITHMS.stream().map(alg -> Map.of("type", "public-key", "alg", alg)).toList());
        options.put("timeout", properties.timeout().toMillis());
        options.put("excludeCredentials", descriptors(credentials.of(user.getId())));
        options.put("authenticatorSelection", Map.of(
                "residentKey", passkey ? "required" : "discouraged",
                "requireResidentKey", passkey,
                "userVerification", passkey ? "required" : "preferred"));
        options.put("attestation", "none");
        options.put("extensions", Map.of("credProps", true));
        return new Options(json.writeValueAsString(options), ceremony);
    }

    /**
     * An assertion request: for the second factor, the user's own keys; for a passkey sign-in,
     * any discoverable credential (the authenticator offers the user's accounts).
     */
    public Options assertion(Purpose purpose, UUID userId) {
        boolean passkey = purpose == Purpose.PASSKEY_SIGN_IN;
        WebAuthnCeremony ceremony = ceremony(purpose, userId, passkey);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", B64URL.encodeToString(ceremony.challenge()));
        options.put("timeout", properties.timeout().toMillis());
        options.put("rpId", rpId);
        options.put("allowCredentials", passkey ? List.of() : descriptors(credentials.of(userId)));
        options.put("userVerification", passkey ? "required" : "preferred");
        return new Options(json.writeValueAsString(options), ceremony);
    }

    NewWebAuthnCredential verifyRegistration(WebAuthnCeremony ceremony, String responseJson, String label) {
        requireLive(ceremony, Purpose.REGISTRATION);
        try {
            RegistrationData data = verifier.parseRegistrationResponseJSON(responseJson);
            verifier.verify(data, new RegistrationParameters(serverProperty(ceremony), algorithms(),
                    ceremony.userVerificationRequired(), true));
            AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
            AttestedCredentialData attested = authenticator.getAttestedCredentialData();
            CredentialPropertiesOutput credProps = data.getClientExtensions() == null ? null
                    : data.getClientExtensions().getCredProps();
            boolean discoverable = credProps != null && credProps.getRk() != null
                    ? credProps.getRk() : ceremony.userVerificationRequired();
            List<String> transports = data.getTransports() == null ? List.of()
                    : data.getTransports().stream().map(t -> t.getValue()).sorted().toList();
            return new NewWebAuthnCredential(B64URL.encodeToString(attested.getCredentialId()),
                    Base64.getEncoder().encodeToString(converter.getCborConverter().writeValueAsBytes(attested.getCOSEKey())),
                    String.valueOf(attested.getAaguid()), authenticator.getSignCount(), authenticator.isFlagUV(),
                    authenticator.isFlagBE(), discoverable, transports, label);
        } catch (DataConversionException | IllegalArgumentException | NullPointerException malformed) {
            throw new WebAuthnRejectedException(Reason.MALFORMED);
        } catch (VerificationException refused) {
            throw new WebAuthnRejectedException(reasonOf(refused));
        }
    }

    /**
     * Verifies an assertion against the stored credential and moves its counter forward. A
     * counter that did not move forward marks the credential as cloned: refused now and later.
     */
    public Assertion verifyAssertion(WebAuthnCeremony ceremony, String responseJson) {
        requireLive(ceremony, ceremony.purpose());
        AuthenticationData data;
        try {
            data = verifier.parseAuthenticationResponseJSON(responseJson);
        } catch (DataConversionException | IllegalArgumentException | NullPointerException malformed) {
            throw new WebAuthnRejectedException(Reason.MALFORMED);
        }
        if (data.getCredentialId() == null) {
            throw new WebAuthnRejectedException(Reason.MALFORMED);
        }
        WebAuthnCredential stored = credentials.byCredentialId(B64URL.encodeToString(data.getCredentialId()))
                .orElseThrow(() -> new WebAuthnRejectedException(Reason.UNKNOWN_CREDENTIAL));
        if (ceremony.user().isPresent() && !ceremony.user().get().equals(stored.getUserId())) {
            throw new WebAuthnRejectedException(Reason.OTHER_USER);
        }
        if (ceremony.purpose() == Purpose.PASSKEY_SIGN_IN && (data.getUserHandle() == null
                || !stored.getUserId().equals(userOf(data.getUserHandle())))) {
            throw new WebAuthnRejectedException(Reason.OTHER_USER);
        }
        if (stored.getClonedAt().isPresent()) {
            throw new WebAuthnRejectedException(Reason.CLONED);
        }
        try {
            verifier.verify(data, new AuthenticationParameters(serverProperty(ceremony), record(stored),
                    List.of(data.getCredentialId()), ceremony.userVerificationRequired(), true));
        } catch (MaliciousCounterValueException cloned) {
            credentials.markCloned(stored.getId(), stored.getSignCount(), data.getAuthenticatorData().getSignCount());
            throw new WebAuthnRejectedException(Reason.CLONED);
        } catch (DataConversionException | IllegalArgumentException malformed) {
            throw new WebAuthnRejectedException(Reason.MALFORMED);
        } catch (VerificationException refused) {
            throw new WebAuthnRejectedException(reasonOf(refused));
        }
        credentials.recordUse(stored.getId(), data.getAuthenticatorData().getSignCount());
        return new Assertion(stored, data.getAuthenticatorData().isFlagUV());
    }

    String rpId() {
        return rpId;
    }

    private WebAuthnCeremony ceremony(Purpose purpose, UUID userId, boolean userVerificationRequired) {
        byte[] challenge = new byte[CHALLENGE_BYTES];
        random.nextBytes(challenge);
        return new WebAuthnCeremony(purpose, challenge, userId, userVerificationRequired,
                clock.instant().plus(properties.timeout()));
    }

    private void requireLive(WebAuthnCeremony ceremony, Purpose purpose) {
        if (ceremony == null || ceremony.purpose() != purpose) {
            throw new WebAuthnRejectedException(Reason.NO_CEREMONY);
        }
        if (clock.instant().isAfter(ceremony.expiresAt())) {
            throw new WebAuthnRejectedException(Reason.EXPIRED);
        }
    }

    private ServerProperty serverProperty(WebAuthnCeremony ceremony) {
        return new ServerProperty(origins, rpId, new DefaultChallenge(ceremony.challenge()));
    }

    private CredentialRecordImpl record(WebAuthnCredential stored) {
        COSEKey key = converter.getCborConverter().readValue(Base64.getDecoder().decode(stored.getPublicKey()), COSEKey.class);
        AttestedCredentialData attested = new AttestedCredentialData(new AAGUID(stored.getAaguid()),
                B64URL_DECODER.decode(stored.getCredentialId()), key);
        return new CredentialRecordImpl(null, stored.isUvInitialized(), stored.isBackupEligible(), null,
                stored.getSignCount(), attested, null, null, null, null);
    }

    private static List<com.webauthn4j.data.PublicKeyCredentialParameters> algorithms() {
        return ALGORITHMS.stream().map(alg -> new com.webauthn4j.data.PublicKeyCredentialParameters(
                com.webauthn4j.data.PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.create(alg))).toList();
    }

    private static List<Map<String, Object>> descriptors(List<WebAuthnCredential> credentials) {
        return credentials.stream().filter(c -> c.getClonedAt().isEmpty())
                .map(c -> Map.<String, Object>of("type", "public-key", "id", c.getCredentialId(),
                        "transports", c.getTransports()))
                .toList();
    }

    /** The user handle is the user's id: stable, unique and free of personal data. */
    static byte[] userHandle(UUID userId) {
        return ByteBuffer.allocate(16).putLong(userId.getMostSignificantBits())
                .putLong(userId.getLeastSignificantBits()).array();
    }

    private static UUID userOf(byte[] handle) {
        if (handle.length != 16) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(handle);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static Reason reasonOf(VerificationException refused) {
        if (refused instanceof BadChallengeException) {
            return Reason.CHALLENGE;
        }
        if (refused instanceof BadOriginException) {
            return Reason.ORIGIN;
        }
        if (refused instanceof BadRpIdException) {
            return Reason.RP_ID;
        }
        if (refused instanceof BadSignatureException) {
            return Reason.SIGNATURE;
        }
        if (refused instanceof UserNotVerifiedException) {
            return Reason.USER_NOT_VERIFIED;
        }
        return Reason.REFUSED;
    }
}
