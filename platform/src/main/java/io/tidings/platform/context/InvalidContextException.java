package io.tidings.platform.context;

/** The X-Tidings-Context header is missing, forged, expired or issued for another request. */
public class InvalidContextException extends RuntimeException {
    public InvalidContextException(String message) {
        super(message);
    }

    public InvalidContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
