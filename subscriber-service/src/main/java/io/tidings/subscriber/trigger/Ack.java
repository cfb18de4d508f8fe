package io.tidings.subscriber.trigger;

/** Novu's trigger answer. */
public record Ack(boolean acknowledged, String status, String transactionId) {

    static Ack processed(String transactionId) {
        return new Ack(true, "processed", transactionId);
    }
}
