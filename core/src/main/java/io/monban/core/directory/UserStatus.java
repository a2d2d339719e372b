package io.monban.core.directory;

/** Lifecycle of an account. Only {@link #ACTIVE} users may sign in. */
public enum UserStatus {
    INVITED, ACTIVE, SUSPENDED, DEPROVISIONED
}
