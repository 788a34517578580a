package net.portforward.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.testing.EngineFixture;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.ui.ManualExecutor;
import net.portforward.ui.TaskRunner;
import net.portforward.ui.common.ErrorReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main window's model against the in-process fake router, without a window and without the
 * FX toolkit: commands from the test thread, which plays the UI thread. With the same-thread
 * runner a command has run to its end when it returns; where a test needs an operation to be
 * still running, the runner's background is a {@link ManualExecutor} the test steps by hand.
 */
class MainViewModelTest {
    private static final String CLIENT = "192.168.1.23";

    @TempDir
    Path data;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<ErrorReport> errors = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private MainViewModel model(FakeRouter fake, TaskRunner runner) {
        PortForwardEngine engine = new PortForwardEngine(EngineFixture.options(data, fake.location(), Duration.ofSeconds(2)));
        closing.add(engine);
        closing.add(runner);
        return new MainViewModel(engine, runner, errors::add);
    }

    private MainViewModel model(FakeRouter fake) {
        return model(fake, TaskRunner.sameThread());
    }

    private FakeRouter fake(FakeMapping... mappings) {
        FakeRouter fake = FakeRouter.start();
        closing.add(fake);
        fake.preload(mappings);
        return fake;
    }

    private static PortMapping tcp(int port, String client, String description) {
        try {
            return new PortMapping(Protocol.TCP, port, InetAddress.getByName(client), port, true, description, null,
                    Duration.ZERO);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static MappingRow row(MainViewModel vm, int port) {
        return vm.rows().stream().filter(r -> r.mapping().externalPort() == port).findFirst().orElseThrow();
    }

    @Test
    void discoverShowsTheRouterAndFillsTheRows() {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.udp(27015, "192.168.1.24", 27015, "game"));
        MainViewModel vm = model(fake);
        vm.discover();
        assertEquals(2, vm.rows().size());
        assertFalse(vm.busyProperty().get());
        assertEquals("25.77.0.2", vm.statusProperty().get().externalIpText());
        assertNull(vm.problemProperty().get());
        assertEquals("2 port forwards.", vm.messageProperty().get());
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void filterNarrowsTheRows() {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.udp(27015, CLIENT, 27015, "game"));
        MainViewModel vm = model(fake);
        vm.discover();
        assertEquals(2, vm.rows().size());
        vm.filterProperty().set("GAME");
        assertEquals(1, vm.filteredRows().size());
        assertEquals(27015, vm.filteredRows().get(0).mapping().externalPort());
    }

    @Test
    void addConflictGoesBackToTheCallerAndOtherFailuresBecomeSentences() {
        FakeRouter fake = fake(FakeMapping.tcp(8080, "192.168.1.24", 80, "theirs"));
        MainViewModel vm = model(fake);
        vm.discover();
        assertEquals(1, vm.rows().size());
        List<PortConflictException> conflicts = new ArrayList<>();
        PortMapping mine = tcp(8080, CLIENT, "mine");
        vm.mappings().add(List.of(mine), conflicts::add);
        assertEquals(1, conflicts.size());
        // After a conflict the table is read again.
        assertFalse(vm.busyProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("1 port"), vm.messageProperty().get());
        assertTrue(conflicts.get(0).getMessage().contains("192.168.1.24"), conflicts.get(0).getMessage());

        fake.failNext("AddPortMapping", 1, 606);
        vm.mappings().add(List.of(tcp(9000, CLIENT, "x")), conflicts::add);
        assertFalse(errors.isEmpty());
        assertTrue(errors.get(0).details().contains("606"), errors.get(0).toString());
        assertFalse(errors.get(0).sentence().contains("Exception"), errors.get(0).sentence());
    }

    @Test
    void uncheckingTheBoxDisablesThroughTheEngine() {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"));
        MainViewModel vm = model(fake);
        vm.discover();
        vm.rows().get(0).enabledProperty().set(false);
        assertTrue(fake.mapping("TCP", 8080).map(m -> !m.enabled()).orElse(false));
        assertFalse(vm.busyProperty().get());
        assertEquals(1, vm.rows().size());
        assertFalse(vm.rows().get(0).enabledProperty().get());
    }

    @Test
    void whatTheUserAsksForDuringARereadWaitsForItInsteadOfBeingLost() {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.tcp(8081, CLIENT, 81, "old"));
        ManualExecutor background = new ManualExecutor();
        MainViewModel vm = model(fake, new TaskRunner(background, Runnable::run));
        vm.discover();
        background.runAll();
        assertEquals(2, vm.rows().size());
        MappingRow old = row(vm, 8081);
        MappingRow web = row(vm, 8080);
        // A re-read started by the change watch (or the ledger) while the user's dialog was open,
        // held on its way to the router.
        vm.refresh();
        assertTrue(vm.busyProperty().get());
        vm.mappings().add(List.of(tcp(9000, CLIENT, "mine")), conflict -> { });
        vm.mappings().delete(List.of(old));
        PortMapping w = web.mapping();
        vm.mappings().edit(web, new PortMapping(w.protocol(), w.externalPort(), w.internalClient(), w.internalPort(),
                w.enabled(), "web server", w.remoteHost(), w.lease()), conflict -> { });
        assertEquals(1, background.waiting(), "the re-read alone goes to the router; the rest wait");
        background.runAll();
        assertTrue(fake.mapping("TCP", 9000).isPresent());
        assertTrue(fake.mapping("TCP", 8081).isEmpty());
        assertEquals("web server", fake.mapping("TCP", 8080).orElseThrow().description());
        assertFalse(vm.busyProperty().get());
        assertEquals(2, vm.rows().size());
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void rowsAppearAsTheRouterListsThemBeforeTheReadEnds() throws Exception {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.tcp(8081, CLIENT, 81, "old"),
                FakeMapping.tcp(8082, CLIENT, 82, "new"));
        ManualExecutor ui = new ManualExecutor();
        MainViewModel vm = model(fake, new TaskRunner(Executors.newSingleThreadExecutor(), ui));
        vm.discover();
        ui.runUntil(() -> !vm.rows().isEmpty());
        assertTrue(vm.busyProperty().get(), "the first row is shown while the table is still being read");
        ui.runUntil(() -> !vm.busyProperty().get());
        assertEquals(List.of(8080, 8081, 8082), vm.rows().stream().map(r -> r.mapping().externalPort()).toList());
        assertEquals("3 port forwards.", vm.messageProperty().get());
    }

    @Test
    void noRouterIsAProblemInWordsNotAnEmptyTable() {
        FakeRouter fake = fake();
        MainViewModel vm = model(fake);
        fake.close();
        vm.discover();
        Problem p = vm.problemProperty().get();
        assertEquals("The router could not be read", p.title());
        assertTrue(p.explanation().startsWith("The router at 127.0.0.1"), p.explanation());
        assertTrue(vm.rows().isEmpty());
    }

    @Test
    void aSlowRouterCanBeCancelled() {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"));
        // The search runs on a thread of its own; the test thread is the UI thread.
        ManualExecutor ui = new ManualExecutor();
        MainViewModel vm = model(fake, new TaskRunner(Executors.newSingleThreadExecutor(), ui));
        fake.setCallDelay(Duration.ofMillis(400));
        vm.discover();
        assertTrue(vm.busyProperty().get());
        vm.cancel();
        assertFalse(vm.busyProperty().get());
        assertEquals("Search cancelled", vm.problemProperty().get().title());
    }
}
