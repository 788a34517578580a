package net.portforward.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The captured real routers' data in src/test/resources/routers (see its README.md). */
public final class RouterData {
    private RouterData() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = RouterData.class.getResourceAsStream("/routers/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test data " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every file name in the folder ending with {@code suffix}. */
    public static List<String> names(String suffix) {
        try {
            URL dir = RouterData.class.getResource("/routers");
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
