package net.portforward.engine.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner against harmless local tools (no network): every way a tool can fail means unknown. */
class RouteCommandTest {
    private static String tool(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        assumeTrue(false, "none of " + List.of(candidates) + " here");
        return null;
    }

    @Test
    void theOutputOfATool() {
        assertEquals(Optional.of("route table\n"), RouteCommand.run(List.of(tool("/bin/echo", "/usr/bin/echo"), "route table")));
    }

    @Test
    void nothingOnItsInput() {
        assertEquals(Optional.of(""), RouteCommand.run(List.of(tool("/bin/cat", "/usr/bin/cat"))), "cat got end of input at once");
    }

    @Test
    void aFailingOrMissingToolIsUnknown() {
        assertEquals(Optional.empty(), RouteCommand.run(List.of(tool("/bin/false", "/usr/bin/false"))));
        assertEquals(Optional.empty(), RouteCommand.run(List.of("/nonexistent/portforward/route", "print")));
        assertEquals(Optional.empty(), RouteCommand.run(List.of()));
    }

    @Test
    void aToolThatHangsIsStoppedAtTheLimit() {
        long start = System.nanoTime();
        assertEquals(Optional.empty(), RouteCommand.run(List.of(tool("/bin/sleep", "/usr/bin/sleep"), "30"),
                Duration.ofMillis(300)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 5000, "gave up after " + tookMs + " ms");
    }

    @Test
    void endlessOutputIsUnknown() {
        long start = System.nanoTime();
        assertEquals(Optional.empty(), RouteCommand.run(List.of(tool("/usr/bin/yes", "/bin/yes"), "0.0.0.0"),
                Duration.ofMillis(500)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 5000, "gave up after " + tookMs + " ms");
    }
}
