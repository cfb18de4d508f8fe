package io.tidings.gateway.credential;

import io.tidings.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** environment-service could not answer a lookup; the client may retry, nothing is cached. */
public class CredentialServiceUnavailableException extends ApiException {

    public CredentialServiceUnavailableException() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "credential service unavailable");
    }
}
