package io.monban.core.directory;

import java.util.UUID;

/** A user's unique keys, for uniqueness checks that need no whole user. */
record UserKeys(UUID id, String usernameKey, String emailKey) {
}
