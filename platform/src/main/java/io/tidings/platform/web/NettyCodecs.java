package io.tidings.platform.web;

import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.compression.Zstd;

/**
 * Loads netty's optional compression codecs at start-up. An HTTP client decides on its first
 * response which decoders exist, and that first check extracts zstd's native library from its jar:
 * file reads that would otherwise happen on an event-loop thread, under the first request.
 */
public final class NettyCodecs {

    private NettyCodecs() {
    }

    public static void warmUp() {
        Zstd.isAvailable();
        Brotli.isAvailable();
    }
}
