package io.tidings.platform.web;

import org.springframework.core.io.buffer.DataBufferLimitException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Optional;

/** Turns a body that could not be read into a sentence a caller can fix, without leaking internals. */
final class BadInput {

    private BadInput() {
    }

    static Optional<Throwable> find(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    static boolean tooLarge(Throwable error) {
        return find(error, DataBufferLimitException.class).isPresent();
    }

    static Optional<String> describe(Throwable error) {
        Optional<Throwable> jackson = find(error, JacksonException.class);
        if (jackson.isEmpty()) {
            return Optional.empty();
        }
        Throwable t = jackson.get();
        if (t instanceof UnrecognizedPropertyException unknown) {
            return Optional.of("unknown field '" + path(unknown) + "'");
        }
        if (t instanceof InvalidFormatException invalid) {
            return Optional.of("field '" + path(invalid) + "' has an invalid value: " + invalid.getValue());
        }
        if (t instanceof MismatchedInputException mismatched) {
            String where = path(mismatched);
            return Optional.of(where.isEmpty()
                    ? "request body has the wrong shape: expected a JSON object"
                    : "field '" + where + "' has the wrong type");
        }
        if (t instanceof StreamReadException read) {
            return Optional.of("malformed JSON: " + firstLine(read.getOriginalMessage()));
        }
        return Optional.of("request body could not be read: " + firstLine(((JacksonException) t).getOriginalMessage()));
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
