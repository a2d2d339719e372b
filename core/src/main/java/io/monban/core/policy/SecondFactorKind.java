package io.monban.core.policy;

/**
 * The kinds of second factor a policy can accept. Recovery codes go with {@link #TOTP}: both are
 * codes a phishing page can relay, so a policy that wants phishing resistance accepts only
 * {@link #WEBAUTHN}.
 */
public enum SecondFactorKind {
    TOTP, WEBAUTHN
}
