package net.portforward.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private void assumePosix() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void ourRecordsAre0600InA0700Folder() throws Exception {
        assumePosix();
        Path data = dir.resolve("data").resolve("portforward");
        AtomicFile.write(data.resolve("ledger.tsv"), "x\n");
        assertEquals("rw-------", mode(data.resolve("ledger.tsv")));
        assertEquals("rwx------", mode(data));

        // Made by an earlier version with the usual umask: tightened at the next write.
        Path old = Files.createDirectories(dir.resolve("old"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path presets = Files.writeString(old.resolve("presets.txt"), "[a]\nTCP 1\n");
        Files.setPosixFilePermissions(presets, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFile.write(presets, "[b]\nTCP 2\n");
        assertEquals("rw-------", mode(presets));
        assertEquals("rwx------", mode(old));
    }

    @Test
    void aSharedFolderIsNeverTightened() throws Exception {
        assumePosix();
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        AtomicFile.write(shared.resolve("window.properties"), "a=1\n");
        assertEquals("rwxrwxrwx", mode(shared), "a folder others may write (like /tmp) is not ours to change");
        assertEquals("rw-------", mode(shared.resolve("window.properties")));
    }

    @Test
    void aUsersDocumentKeepsItsPermissionsAndANewOneIs0600() throws Exception {
        assumePosix();
        Path settings = Files.writeString(dir.resolve("portforward.ini"), "[a]\n");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFile.writeDocument(settings, "[b]\n");
        assertEquals("rw-r--r--", mode(settings));
        AtomicFile.writeDocument(dir.resolve("export.json"), "[]\n");
        assertEquals("rw-------", mode(dir.resolve("export.json")));
    }

    @Test
    void aSymbolicLinkWhereOurFileShouldBeIsReplacedNeverFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path ledger = Files.createSymbolicLink(data.resolve("ledger.tsv"), victim);
        // Where the earlier fixed temp name was: a link planted there was opened and written through.
        Files.createSymbolicLink(data.resolve("ledger.tsv.tmp"), victim);

        assertEquals(Optional.empty(), OwnFiles.readString(ledger), "a link reads as no file");
        AtomicFile.write(ledger, "ours\n");

        assertEquals("precious\n", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(ledger), "the link was replaced by our file");
        assertEquals("ours\n", Files.readString(ledger));
        assertEquals(Optional.of("ours\n"), OwnFiles.readString(ledger));
    }

    @Test
    void everyWriteHasATempFileOfItsOwnSoConcurrentWritersNeverCollide() throws Exception {
        Path file = dir.resolve("window.properties");
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String text = ("writer " + w + "\n").repeat(2000);
            Thread t = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    try {
                        AtomicFile.write(file, text);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            writers.add(t);
            t.start();
        }
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(List.of(), failures);
        String last = Files.readString(file);
        assertTrue(last.matches("(writer \\d\n){2000}") && last.equals(last.substring(0, 9).repeat(2000)),
                "one writer's whole text, not a mix");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temp file left behind");
        }
    }

    @Test
    void aCrashsLeftoverTempFilesAreTidiedOnceOld() throws Exception {
        Path file = dir.resolve("presets.txt");
        Path fresh = Files.writeString(dir.resolve("presets.txt.123.tmp"), "half");
        Path stale = Files.writeString(dir.resolve("presets.txt.456.tmp"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(AtomicFile.LEFTOVER_AGE).minusSeconds(60)));
        Path unrelated = Files.writeString(dir.resolve("other.txt.789.tmp"), "not ours");

        AtomicFile.write(file, "x\n");

        assertTrue(Files.exists(fresh), "may be another writer's at work");
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(unrelated));
    }
}
