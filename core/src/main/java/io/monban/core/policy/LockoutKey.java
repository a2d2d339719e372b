package io.monban.core.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What one sign-in limit counts. The kind is stored apart from the subject, so whatever is typed
 * as a login name can only ever be the subject of an {@link UnknownLogin}: it can neither lock
 * nor reset an account's, a second factor's or an address's counter.
 */
public sealed interface LockoutKey {

    /** Stored kind; one per record below. */
    String kind();

    /** Stored subject within the kind. */
    String subject();

    /**
     * Whether a success clears the counter (one subject's own guesses) or only gives back its own
     * reservation (a counter shared by everyone behind one address, which one success must not wipe).
     */
    boolean clearedBySuccess();

    /** As audit targets show it, e.g. {@code account:<user id>}. */
    default String describe() {
        return kind() + ":" + subject();
    }

    /** The password of an existing account, whether the username or an e-mail address was typed. */
    record Account(UUID userId) implements LockoutKey {
        public Account {
            Objects.requireNonNull(userId);
        }

        public String kind() {
            return "account";
        }

        public String subject() {
            return userId.toString();
        }

        public boolean clearedBySuccess() {
            return true;
        }
    }

    /** A login name that belongs to no account: limited like one, so a lock reveals nothing. */
    record UnknownLogin(String name) implements LockoutKey {
        public UnknownLogin {
            name = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            name = name.length() > 250 ? name.substring(0, 250) : name;
        }

        public String kind() {
            return "unknown-login";
        }

        public String subject() {
            return name;
        }

        public boolean clearedBySuccess() {
            return true;
        }
    }

    /** Everything tried from one client address (password spraying across names). */
    record Address(String address) implements LockoutKey {
        public Address {
            Objects.requireNonNull(address);
        }

        public String kind() {
            return "address";
        }

        public String subject() {
            return address;
        }

        public boolean clearedBySuccess() {
            return false;
        }
    }

    /** Codes, recovery codes and keys at one user's second step, wherever they are checked. */
    record SecondFactor(UUID userId) implements LockoutKey {
        public SecondFactor {
            Objects.requireNonNull(userId);
        }

        public String kind() {
            return "second-factor";
        }

        public String subject() {
            return userId.toString();
        }

        public boolean clearedBySuccess() {
            return true;
        }
    }

    /** Passwordless passkey answers from one client address (no account is named before the check). */
    record PasskeyAddress(String address) implements LockoutKey {
        public PasskeyAddress {
            Objects.requireNonNull(address);
        }

        public String kind() {
            return "passkey-address";
        }

        public String subject() {
            return address;
        }

        public boolean clearedBySuccess() {
            return false;
        }
    }
}
