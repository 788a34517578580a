package net.portforward.ui;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.testing.EngineFixture;
import net.portforward.engine.mapping.PortConflictException;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.testing.FakeMapping;
import net.portforward.testing.FakeRouter;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.main.MainViewModel;
import net.portforward.ui.main.MappingRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main window's model against the in-process fake router, used as the window uses it:
 * commands on the FX thread, engine calls on the task runner's threads. (A same-thread runner
 * cannot serve here: commands chain on the FX thread, where the engine refuses to run.)
 */
class MainViewModelTest {
    private static final String CLIENT = "192.168.1.23";

    @TempDir
    Path data;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<ErrorReport> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startFx();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private MainViewModel model(FakeRouter fake) {
        PortForwardEngine engine = new PortForwardEngine(EngineFixture.options(data, fake.location(), Duration.ofSeconds(2)));
        closing.add(engine);
        TaskRunner runner = new TaskRunner();
        closing.add(runner);
        return new MainViewModel(engine, runner, errors::add);
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

    @Test
    void discoverShowsTheRouterAndFillsTheRows() throws Exception {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.udp(27015, "192.168.1.24", 27015, "game"));
        MainViewModel vm = model(fake);
        Platform.runLater(() -> vm.discover());
        waitFor(() -> onFx(() -> vm.rows().size() == 2 && !vm.busyProperty().get()));
        assertEquals("25.77.0.2", onFx(() -> vm.statusProperty().get().externalIpText()));
        assertNull(onFx(() -> vm.problemProperty().get()));
        assertEquals("2 port forwards.", onFx(() -> vm.messageProperty().get()));
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void filterNarrowsTheRows() throws Exception {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.udp(27015, CLIENT, 27015, "game"));
        MainViewModel vm = model(fake);
        Platform.runLater(() -> vm.discover());
        waitFor(() -> onFx(() -> vm.rows().size() == 2 && !vm.busyProperty().get()));
        assertEquals(1, (int) onFx(() -> {
            vm.filterProperty().set("GAME");
            return vm.filteredRows().size();
        }));
        assertEquals(27015, (int) onFx(() -> vm.filteredRows().get(0).mapping().externalPort()));
    }

    @Test
    void addConflictGoesBackToTheCallerAndOtherFailuresBecomeSentences() throws Exception {
        FakeRouter fake = fake(FakeMapping.tcp(8080, "192.168.1.24", 80, "theirs"));
        MainViewModel vm = model(fake);
        Platform.runLater(() -> vm.discover());
        waitFor(() -> onFx(() -> vm.rows().size() == 1 && !vm.busyProperty().get()));
        List<PortConflictException> conflicts = new java.util.concurrent.CopyOnWriteArrayList<>();
        PortMapping mine = tcp(8080, CLIENT, "mine");
        Platform.runLater(() -> vm.add(List.of(mine), conflicts::add));
        waitFor(() -> conflicts.size() == 1);
        // After a conflict the table is read again; the next command waits for that to end.
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.messageProperty().get().startsWith("1 port")));
        assertTrue(conflicts.get(0).getMessage().contains("192.168.1.24"), conflicts.get(0).getMessage());

        fake.failNext("AddPortMapping", 1, 606);
        Platform.runLater(() -> vm.add(List.of(tcp(9000, CLIENT, "x")), conflicts::add));
        waitFor(() -> !errors.isEmpty());
        assertTrue(errors.get(0).details().contains("606"), errors.get(0).toString());
        assertFalse(errors.get(0).sentence().contains("Exception"), errors.get(0).sentence());
    }

    @Test
    void uncheckingTheBoxDisablesThroughTheEngine() throws Exception {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"));
        MainViewModel vm = model(fake);
        Platform.runLater(() -> vm.discover());
        waitFor(() -> onFx(() -> vm.rows().size() == 1 && !vm.busyProperty().get()));
        MappingRow row = onFx(() -> vm.rows().get(0));
        Platform.runLater(() -> row.enabledProperty().set(false));
        waitFor(() -> fake.mapping("TCP", 8080).map(m -> !m.enabled()).orElse(false));
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.rows().size() == 1
                && !vm.rows().get(0).enabledProperty().get()));
    }

    @Test
    void whatTheUserAsksForDuringARereadWaitsForItInsteadOfBeingLost() throws Exception {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"), FakeMapping.tcp(8081, CLIENT, 81, "old"));
        MainViewModel vm = model(fake);
        Platform.runLater(() -> vm.discover());
        waitFor(() -> onFx(() -> vm.rows().size() == 2 && !vm.busyProperty().get()));
        MappingRow old = onFx(() -> vm.rows().stream().filter(r -> r.mapping().externalPort() == 8081).findFirst()
                .orElseThrow());
        MappingRow web = onFx(() -> vm.rows().stream().filter(r -> r.mapping().externalPort() == 8080).findFirst()
                .orElseThrow());
        // A re-read started by the change watch (or the ledger) while the user's dialog was open.
        fake.setCallDelay(Duration.ofMillis(300));
        onFx(() -> {
            vm.refresh();
            assertTrue(vm.busyProperty().get());
            vm.add(List.of(tcp(9000, CLIENT, "mine")), conflict -> { });
            vm.delete(List.of(old));
            PortMapping w = web.mapping();
            vm.edit(web, new PortMapping(w.protocol(), w.externalPort(), w.internalClient(), w.internalPort(),
                    w.enabled(), "web server", w.remoteHost(), w.lease()), conflict -> { });
            return null;
        });
        waitFor(() -> fake.mapping("TCP", 9000).isPresent() && fake.mapping("TCP", 8081).isEmpty()
                && fake.mapping("TCP", 8080).map(m -> m.description().equals("web server")).orElse(false));
        fake.setCallDelay(Duration.ZERO);
        waitFor(() -> onFx(() -> !vm.busyProperty().get() && vm.rows().size() == 2));
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void noRouterIsAProblemInWordsNotAnEmptyTable() throws Exception {
        FakeRouter fake = fake();
        MainViewModel vm = model(fake);
        fake.close();
        Platform.runLater(() -> vm.discover());
        waitFor(() -> onFx(() -> vm.problemProperty().get() != null));
        MainViewModel.Problem p = onFx(() -> vm.problemProperty().get());
        assertEquals("The router could not be read", p.title());
        assertTrue(p.explanation().startsWith("The router at 127.0.0.1"), p.explanation());
        assertTrue(onFx(() -> vm.rows().isEmpty()));
    }

    @Test
    void aSlowRouterCanBeCancelled() throws Exception {
        FakeRouter fake = fake(FakeMapping.tcp(8080, CLIENT, 80, "web"));
        PortForwardEngine engine = new PortForwardEngine(EngineFixture.options(data, fake.location()));
        closing.add(engine);
        TaskRunner background = new TaskRunner();
        closing.add(background);
        MainViewModel vm = new MainViewModel(engine, background, errors::add);
        fake.setCallDelay(Duration.ofMillis(400));
        Platform.runLater(vm::discover);
        waitFor(() -> onFx(() -> vm.busyProperty().get()));
        Platform.runLater(vm::cancel);
        waitFor(() -> onFx(() -> !vm.busyProperty().get()));
        assertEquals("Search cancelled", onFx(() -> vm.problemProperty().get().title()));
    }
}
