package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ErrorResponse;
import io.monban.core.credential.PasswordRejectedException;
import io.monban.core.credential.PasswordViolation;
import io.monban.core.directory.ProvisioningException;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ResponseEntity;

/**
 * A SCIM error (status, scimType, detail), made from what the directory reports. Shared by the
 * endpoints' error handler and Bulk, which reports each failed operation in its response.
 */
record ScimErrors(int status, String scimType, String detail) {

    static ScimErrors error(int status, String scimType, String detail) {
        return new ScimErrors(status, scimType, detail);
    }

    static ScimErrors of(ScimException e) {
        return new ScimErrors(e.getScimError().getStatus(), e.getScimError().getScimType(), e.getScimError().getDetail());
    }

    static ScimErrors of(ProvisioningException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> new ScimErrors(404, null, e.getMessage());
            case UNIQUENESS -> new ScimErrors(409, BadRequestException.UNIQUENESS, e.getMessage());
            case INVALID_VALUE -> new ScimErrors(400, BadRequestException.INVALID_VALUE, e.getMessage());
            case VERSION_MISMATCH -> new ScimErrors(412, null,
                    e.getMessage() + "; read it again and retry with its current ETag");
        };
    }

    static ScimErrors of(PasswordRejectedException e) {
        return new ScimErrors(400, BadRequestException.INVALID_VALUE, "password does not meet the policy: "
                + e.violations().stream().map(PasswordViolation::describe).collect(Collectors.joining(", ")));
    }

    static ScimErrors of(DataIntegrityViolationException e) {
        return new ScimErrors(409, BadRequestException.UNIQUENESS,
                "another resource has the same userName, primary email or displayName");
    }

    static ScimErrors of(OptimisticLockingFailureException e) {
        return new ScimErrors(412, null, "the resource was changed by another request meanwhile; read it again and retry");
    }

    /** Any failure of an operation, as Bulk reports it; null for one it does not know. */
    static ScimErrors ofAny(Throwable e) {
        if (e instanceof ScimException s) {
            return of(s);
        }
        if (e instanceof ScimFailure f) {
            return of(f.scimException());
        }
        if (e instanceof ProvisioningException p) {
            return of(p);
        }
        if (e instanceof PasswordRejectedException p) {
            return of(p);
        }
        if (e instanceof DataIntegrityViolationException d) {
            return of(d);
        }
        if (e instanceof OptimisticLockingFailureException o) {
            return of(o);
        }
        return null;
    }

    JsonNode toJson() {
        ErrorResponse error = new ErrorResponse(status);
        error.setScimType(scimType);
        error.setDetail(detail);
        return ScimJson.mapper().valueToTree(error);
    }

    ResponseEntity<JsonNode> toResponse() {
        return ResponseEntity.status(status).contentType(ScimJson.SCIM).body(toJson());
    }
}
