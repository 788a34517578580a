package net.portforward.engine.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Captured route-table outputs under src/test/resources/routes (their sources are in its README.md). */
final class RouteOutputs {
    private RouteOutputs() {
    }

    static String read(String name) {
        try (InputStream in = RouteOutputs.class.getResourceAsStream("/routes/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no captured output " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
