package io.tidings.gateway.widget;

/** A bearer token that is not a live subscriber token of this gateway; the message is safe to show. */
public class InvalidSubscriberTokenException extends RuntimeException {

    private final boolean expired;

    public InvalidSubscriberTokenException(String message, boolean expired) {
        super(message);
        this.expired = expired;
    }

    public boolean expired() {
        return expired;
    }
}
