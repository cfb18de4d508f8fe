package io.tidings.platform.web;

/** Novu's response shape: every successful body is {@code {"data": ...}}. */
public record DataEnvelope<T>(T data) {

    public static <T> DataEnvelope<T> of(T data) {
        return new DataEnvelope<>(data);
    }
}
