package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.monban.core.credential.PasswordRejectedException;
import io.monban.core.directory.ProvisioningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one place that turns failures of the SCIM endpoints into SCIM errors (RFC 7644 section
 * 3.12): status, {@code scimType} and a detail that says what to fix. Every failure has rolled
 * its transaction back by the time it arrives here.
 */
@RestControllerAdvice(assignableTypes = {ScimUsersController.class, ScimGroupsController.class,
        ScimBulkController.class, ScimDiscoveryController.class})
class ScimErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ScimErrorHandler.class);

    @ExceptionHandler(ScimException.class)
    ResponseEntity<JsonNode> scim(ScimException e) {
        return error(e.getScimError().getStatus(), e.getScimError().getScimType(), e.getScimError().getDetail());
    }

    @ExceptionHandler(ScimFailure.class)
    ResponseEntity<JsonNode> wrapped(ScimFailure e) {
        return scim(e.scimException());
    }

    @ExceptionHandler(ProvisioningException.class)
    ResponseEntity<JsonNode> provisioning(ProvisioningException e) {
        return ScimErrors.of(e).toResponse();
    }

    @ExceptionHandler(PasswordRejectedException.class)
    ResponseEntity<JsonNode> password(PasswordRejectedException e) {
        return ScimErrors.of(e).toResponse();
    }

    /** Two requests raced for the same unique value; the loser learns it as a uniqueness error. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<JsonNode> integrity(DataIntegrityViolationException e) {
        return ScimErrors.of(e).toResponse();
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<JsonNode> concurrent(OptimisticLockingFailureException e) {
        return ScimErrors.of(e).toResponse();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<JsonNode> unreadable(HttpMessageNotReadableException e) {
        return error(400, BadRequestException.INVALID_SYNTAX, "The request body could not be read.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<JsonNode> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(415, null, "Send application/scim+json or application/json.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<JsonNode> method(HttpRequestMethodNotSupportedException e) {
        return error(405, null, "This endpoint does not support " + e.getMethod() + ".");
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<JsonNode> unexpected(RuntimeException e) {
        log.error("scim request failed unexpectedly", e);
        return error(500, null, "The request failed on the server; nothing was changed.");
    }

    static ResponseEntity<JsonNode> error(int status, String scimType, String detail) {
        return ScimErrors.error(status, scimType, detail).toResponse();
    }

}
