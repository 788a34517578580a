package net.portforward.engine.mapping;

import net.portforward.engine.EngineAgainstFake;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import static net.portforward.engine.EngineTestSupport.engine;
import static net.portforward.engine.EngineTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import net.portforward.engine.progress.Progress;
import net.portforward.testing.FakeRouter;
import net.portforward.testing.FakeRouter.ListEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A router whose list never ends (every index answers a new, distinct entry) must not hold the
 * engine forever: the walk stops at {@link MappingLister#MAX_ENTRIES} with a warning. Its own
 * class because it makes 2048 router calls: about 5 s with sun.net.httpserver.nodelay=true, far
 * longer without it (see EngineTestSupport#fastLoopbackHttp).
 */
class ListingCapTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path dataDir;

    @Test
    void listThatNeverEndsIsCappedWithAWarning() throws Exception {
        try (PortForwardEngine engine = engine(dataDir);
                FakeRouter fake = FakeRouter.start(FakeRouter.Options.igd1().listEnd(ListEnd.NEVER_ENDS))) {
            Router router = open(engine, fake);
            Set<Integer> sunk = new HashSet<>();

            Listing result = router.list(m -> sunk.add(m.mapping().externalPort()), Progress.NONE);

            assertEquals(MappingLister.MAX_ENTRIES, result.mappings().size());
            assertEquals(MappingLister.MAX_ENTRIES, sunk.size(), "every distinct entry shown once");
            assertEquals(MappingLister.MAX_ENTRIES, fake.callCount("GetGenericPortMappingEntry"),
                    "bounded: no call past the cap");
            assertTrue(result.warnings().stream().anyMatch(w -> w.english().contains(java.text.NumberFormat.getIntegerInstance(java.util.Locale.ENGLISH)
                    .format(MappingLister.MAX_ENTRIES))
                    && w.english().contains("did not end")), result.warnings().toString());
        }
    }

    @Test
    @Timeout(120) // without the bounds this listing never ends
    void aBulkListingThatAnswersNewEntriesForEveryRangeStopsAtTheCapWithAWarning() throws Exception {
        try (PortForwardEngine engine = engine(dataDir);
                FakeRouter fake = FakeRouter.start(FakeRouter.Options.igd2()
                        .listFlood(FakeRouter.ListFlood.NEW_ENTRIES_IN_RANGE, 128))) {
            Router router = open(engine, fake);
            Set<String> sunk = new HashSet<>();

            Listing result = router.list(m -> sunk.add(m.mapping().description()), Progress.NONE);

            assertEquals(MappingLister.MAX_ENTRIES, result.mappings().size());
            assertEquals(MappingLister.MAX_ENTRIES, sunk.size());
            assertTrue(fake.callCount("GetListOfPortMappings") < 200,
                    "calls: " + fake.callCount("GetListOfPortMappings"));
            assertTrue(result.warnings().stream().anyMatch(w -> w.english().contains("did not end")), result.warnings().toString());
        }
    }

    @Test
    void entriesOutsideTheAskedRangeAreDroppedAndTold() throws Exception {
        try (PortForwardEngine engine = engine(dataDir);
                FakeRouter fake = FakeRouter.start(FakeRouter.Options.igd2()
                        .listFlood(FakeRouter.ListFlood.ENTRIES_OUTSIDE_RANGE, 128))) {
            Router router = open(engine, fake);

            Listing result = router.list(m -> { }, Progress.NONE);

            assertTrue(result.mappings().isEmpty(), result.mappings().toString());
            assertEquals(2, fake.callCount("GetListOfPortMappings"), "one call per protocol: no splitting on junk");
            assertTrue(result.warnings().stream().anyMatch(w -> w.english().contains("outside")), result.warnings().toString());
        }
    }
}
