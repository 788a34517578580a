package net.portforward.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import net.portforward.engine.mapping.ParkedMappings;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.model.Retention;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.preset.PortSpec;
import net.portforward.ledger.preset.Preset;
import net.portforward.ledger.preset.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file PortForward keeps in its data folder: the user's alone, and never reached through a link. */
class OwnFilesTest {
    @TempDir
    Path home;

    private static PortMapping mapping(int port) throws Exception {
        return new PortMapping(Protocol.TCP, port, InetAddress.getByName("192.168.1.23"), port, true, "x", null,
                Duration.ZERO);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theDataFolderIs0700AndEveryFileInIt0600() throws Exception {
        assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path data = home.resolve(".local").resolve("share").resolve("portforward");
        try (Ledger ledger = Ledger.open(data)) {
            ledger.adding("uuid:r", mapping(8080), Retention.FOR_NOW);
            new ParkedMappings(data).put("uuid:r", mapping(8081));
            new Presets(data).save(new Preset("Mine", "", List.of(PortSpec.parse("TCP 7777")), false));

            assertEquals("rwx------", mode(data));
            assertEquals("rwx------", mode(data.resolve("sessions")));
            try (Stream<Path> all = Files.walk(data)) {
                for (Path p : all.filter(Files::isRegularFile).toList()) {
                    assertEquals("rw-------", mode(p), p::toString);
                }
            }
            try (Stream<Path> all = Files.walk(data)) {
                assertEquals(List.of("disabled-mappings.tsv", "ledger.lock", "ledger.tsv", "presets.txt", "session"),
                        all.filter(Files::isRegularFile).map(p -> p.getParent().getFileName().toString().equals("sessions")
                                ? "session" : p.getFileName().toString()).sorted().toList());
            }
        }
    }

    @Test
    void linksPlantedWhereOurFilesGoAreNeitherFollowedNorKept() throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Path victim = Files.writeString(home.resolve("victim"), "precious\n");
        for (String name : List.of("ledger.tsv", "ledger.lock", "disabled-mappings.tsv", "presets.txt")) {
            Files.createSymbolicLink(data.resolve(name), victim);
        }
        Presets presets = new Presets(data);
        assertEquals(List.of(), presets.own(), "a link reads as no file");

        try (Ledger ledger = Ledger.open(data)) {
            ledger.adding("uuid:r", mapping(8080), Retention.KEEP);
            new ParkedMappings(data).put("uuid:r", mapping(8081));
            presets.save(new Preset("Mine", "", List.of(PortSpec.parse("TCP 7777")), false));
            assertEquals(1, ledger.entries().size());
        }
        assertEquals("precious\n", Files.readString(victim));
        for (String name : List.of("ledger.tsv", "ledger.lock", "disabled-mappings.tsv", "presets.txt")) {
            assertFalse(Files.isSymbolicLink(data.resolve(name)), name + " is ours again");
            assertTrue(Files.isRegularFile(data.resolve(name), LinkOption.NOFOLLOW_LINKS), name);
        }
    }
}
