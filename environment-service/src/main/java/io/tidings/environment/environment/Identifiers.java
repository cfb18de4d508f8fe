package io.tidings.environment.environment;

import io.tidings.platform.context.Ids;

/** Public Application Identifiers: short, URL-safe, random, not secret. */
final class Identifiers {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final int LENGTH = 16;

    private Identifiers() {
    }

    static String next() {
        byte[] random = Ids.randomBytes(LENGTH);
        StringBuilder id = new StringBuilder(LENGTH);
        for (byte b : random) {
            id.append(ALPHABET[(b & 0xff) % ALPHABET.length]);
        }
        return id.toString();
    }
}
