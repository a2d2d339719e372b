package io.monban.scim.server;

import com.unboundid.scim2.common.exceptions.ScimException;

/** Carries an SDK {@link ScimException} out of code that cannot throw checked exceptions. */
class ScimFailure extends RuntimeException {

    private final ScimException scimException;

    ScimFailure(ScimException scimException) {
        super(scimException.getMessage(), scimException);
        this.scimException = scimException;
    }

    ScimException scimException() {
        return scimException;
    }
}
