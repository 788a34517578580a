package net.portforward.ledger.transfer;

import static net.portforward.engine.EngineTestSupport.CLIENT;
import static net.portforward.engine.EngineTestSupport.OTHER_CLIENT;
import static net.portforward.engine.EngineTestSupport.tcp;
import static net.portforward.engine.EngineTestSupport.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.portforward.engine.EngineTestSupport;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.model.Retention;
import net.portforward.engine.progress.Progress;
import net.portforward.ledger.Ledger;
import net.portforward.ledger.MappingResult;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import: a preview that changes nothing, conflicts never overwritten, a result for every line. */
class ImportPlanTest {
    static {
        EngineTestSupport.fastLoopbackHttp();
    }

    @TempDir
    Path data;
    private FakeRouter f;
    private PortForwardEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (f != null) {
            f.close();
        }
    }

    private Router router(FakeMapping... mappings) throws Exception {
        f = FakeRouter.start(FakeRouter.Options.igd2().mappings(mappings));
        engine = new PortForwardEngine(EngineTestSupport.engine(data).options(), Ledger.open(data));
        return EngineTestSupport.open(engine, f);
    }

    @Test
    void previewSortsEveryLineAndApplyAddsOnlyTheNewOnes() throws Exception {
        Router r = router(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.tcp(8081, OTHER_CLIENT, 81, "theirs"));
        String file = TableFile.write(List.of(tcp(8080, CLIENT, 80, "web"), tcp(8081, CLIENT, 81, "mine"),
                udp(9000, CLIENT, 9000, "new"), udp(9000, CLIENT, 9001, "again"),
                tcp(9001, CLIENT, 9001, "off").withEnabled(false)), TableFile.Format.JSON)
                .replace("\"mine\",\"remoteHost\":\"\",\"leaseSeconds\":0},",
                        "\"mine\",\"remoteHost\":\"\",\"leaseSeconds\":0},\n  {\"protocol\":\"TCP\",\"externalPort\":\"x\"},");
        int callsBefore = f.callCount("AddPortMapping");

        ImportPlan plan = ImportPlan.preview(TableFile.read(file), TableExport.listed(r, Progress.NONE));

        assertEquals(List.of(ImportPlan.Verdict.SAME, ImportPlan.Verdict.CONFLICT, ImportPlan.Verdict.INVALID,
                ImportPlan.Verdict.ADD, ImportPlan.Verdict.DUPLICATE, ImportPlan.Verdict.ADD),
                plan.items().stream().map(ImportPlan.Item::verdict).toList(), plan.items().toString());
        assertEquals(List.of(2, 3, 4, 5, 6, 7), plan.items().stream().map(ImportPlan.Item::line).toList());
        assertEquals("2 to add, 1 already identical, 1 conflict, 1 repeated line, 1 invalid line.", plan.summary().english());
        assertTrue(plan.items().get(1).fact().english().contains(OTHER_CLIENT), plan.items().get(1).fact().english());
        assertEquals(callsBefore, f.callCount("AddPortMapping"), "a preview sends nothing");

        List<MappingResult> results = plan.apply(r, Retention.KEEP, Progress.NONE);

        assertEquals(6, results.size(), "one result per line");
        assertEquals(List.of(MappingResult.Kind.SKIPPED, MappingResult.Kind.SKIPPED, MappingResult.Kind.FAILED,
                MappingResult.Kind.ADDED, MappingResult.Kind.SKIPPED, MappingResult.Kind.ADDED),
                results.stream().map(MappingResult::kind).toList());
        assertTrue(results.stream().allMatch(x -> x.english().startsWith("Line ")), results.toString());
        assertEquals(OTHER_CLIENT, f.mapping("TCP", 8081).orElseThrow().internalClient(), "the conflict was not overwritten");
        assertEquals(9000, f.mapping("UDP", 9000).orElseThrow().internalPort(), "the first of two lines wins");
        assertEquals(false, f.mapping("TCP", 9001).orElseThrow().enabled());
    }

    @Test
    void exportThenImportOnAnEmptyRouterGivesTheSameTable() throws Exception {
        Router r = router(FakeMapping.tcp(8080, CLIENT, 80, "web, \"quoted\""), FakeMapping.udp(27015, CLIENT, 27015, "=game"),
                FakeMapping.tcp(3389, OTHER_CLIENT, 3389, "rdp").withRemoteHost("203.0.113.7"));
        for (TableFile.Format format : TableFile.Format.values()) {
            String file = TableExport.export(r, format, Progress.NONE);
            Set<String> before = table();
            f.restart();
            ImportPlan plan = ImportPlan.preview(TableFile.read(file), TableExport.listed(r, Progress.NONE));
            assertEquals(3, plan.count(ImportPlan.Verdict.ADD), format + ": " + plan.items());
            plan.apply(r, Retention.KEEP, Progress.NONE);
            assertEquals(before, table(), format.name());
        }
    }

    private Set<String> table() {
        return f.mappings().stream().map(m -> m.protocol() + m.externalPort() + m.internalClient() + m.internalPort()
                + m.description() + m.remoteHost() + m.enabled()).collect(Collectors.toSet());
    }
}
