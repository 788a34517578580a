package net.portforward.engine.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record of disabled mappings, written by the window and a command line at the same moment:
 * every change of every writer survives, whether they are threads of one process or two processes.
 */
class ParkedMappingsTest {
    private static final String ROUTER = "uuid:router";
    private static final int EACH = 40;

    @TempDir
    Path data;

    static PortMapping mapping(int port) {
        try {
            return new PortMapping(Protocol.TCP, port, InetAddress.getByName("192.168.1.23"), port, true, "parked " + port,
                    null, Duration.ZERO);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Another process disabling mappings: {@code java ... Writer DATA_DIR FIRST_PORT COUNT}. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            ParkedMappings parked = new ParkedMappings(Path.of(args[0]));
            int first = Integer.parseInt(args[1]);
            for (int port = first; port < first + Integer.parseInt(args[2]); port++) {
                parked.put(ROUTER, mapping(port));
            }
        }
    }

    private Thread writer(int first, List<Throwable> failures) {
        // An instance of its own, as the window and the command line each have.
        ParkedMappings parked = new ParkedMappings(data);
        Thread t = new Thread(() -> {
            for (int port = first; port < first + EACH; port++) {
                try {
                    parked.put(ROUTER, mapping(port));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        });
        t.start();
        return t;
    }

    private Set<Integer> parkedPorts() throws Exception {
        return new ParkedMappings(data).forRouter(ROUTER).stream().map(PortMapping::externalPort).collect(Collectors.toSet());
    }

    private static Set<Integer> ports(int first, int count) {
        Set<Integer> all = new java.util.HashSet<>();
        for (int p = first; p < first + count; p++) {
            all.add(p);
        }
        return all;
    }

    @Test
    void twoWritersInTwoThreadsLoseNothing() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread window = writer(10_000, failures);
        Thread cli = writer(20_000, failures);
        window.join();
        cli.join();
        assertEquals(List.of(), failures);
        Set<Integer> both = ports(10_000, EACH);
        both.addAll(ports(20_000, EACH));
        assertNoneLost(both);
    }

    private void assertNoneLost(Set<Integer> written) throws Exception {
        Set<Integer> lost = new java.util.TreeSet<>(written);
        lost.removeAll(parkedPorts());
        assertEquals(Set.of(), lost, "disabled mappings lost");
    }

    @Test
    void aWriterInAnotherProcessLosesNothingEither() throws Exception {
        int othersCount = 300;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Writer.class.getName(), data.toString(), "30000", String.valueOf(othersCount))
                .redirectErrorStream(true).start();
        try {
            // Start once the other process is writing, so the two really write at the same time.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parkedPorts().isEmpty()) {
                assertTrue(other.isAlive() && System.nanoTime() < deadline, "the other process never wrote");
                Thread.sleep(5);
            }
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            writer(40_000, failures).join();
            assertTrue(other.waitFor(60, TimeUnit.SECONDS), "the other process ended");
            String said = new String(other.getInputStream().readAllBytes());
            assertEquals(0, other.exitValue(), said);
            assertEquals(List.of(), failures);
            Set<Integer> both = ports(30_000, othersCount);
            both.addAll(ports(40_000, EACH));
            assertNoneLost(both);
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void removingAndPuttingAgainWorksAndTheFileIs0600() throws Exception {
        ParkedMappings parked = new ParkedMappings(data);
        parked.put(ROUTER, mapping(5000));
        parked.put(ROUTER, mapping(5001));
        parked.remove(ROUTER, mapping(5000).key());
        assertEquals(Set.of(5001), parkedPorts());
        assertFalse(parked.get(ROUTER, mapping(5001).key()).orElseThrow().enabled(), "kept as disabled");
        if (data.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(parked.file())));
        }
        List<Path> left = new ArrayList<>();
        try (var files = Files.list(data)) {
            files.filter(p -> p.toString().endsWith(".tmp")).forEach(left::add);
        }
        assertEquals(List.of(), left, "no temp file left behind");
    }
}
