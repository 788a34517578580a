package net.portforward.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import net.portforward.engine.PortForwardEngine;
import net.portforward.engine.Router;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.RouterStatus;

/**
 * The state of the main window: the router found, its mappings, and the operation in progress.
 * Every engine call goes through the {@link TaskRunner}; properties change on the FX thread only.
 */
public final class MainViewModel {
    private final PortForwardEngine engine;
    private final TaskRunner runner;
    private final StringProperty routerName = new SimpleStringProperty("Searching for your router\u2026");
    private final StringProperty routerDetails = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObservableList<ListedMapping> mappings = FXCollections.observableArrayList();
    private Task<?> current;

    public MainViewModel(PortForwardEngine engine, TaskRunner runner) {
        this.engine = engine;
        this.runner = runner;
    }

    /** Finds the best router and reads its table; rows appear as the router sends them. */
    public void refresh() {
        if (busy.get()) {
            return;
        }
        mappings.clear();
        Task<Router> task = runner.run(p -> {
            Gateway best = engine.findBest(p);
            Router router = engine.open(best);
            router.list(m -> javafx.application.Platform.runLater(() -> mappings.add(m)), p);
            return router;
        }, router -> {
            done();
            show(router.gateway());
            status.set(mappings.size() + " mapping(s).");
        }, error -> {
            done();
            routerName.set("No router");
            status.set(messageOf(error));
        });
        track(task);
    }

    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    private void track(Task<?> task) {
        current = task;
        busy.set(true);
        progress.bind(task.progressProperty());
        status.bind(task.messageProperty());
    }

    private void done() {
        progress.unbind();
        status.unbind();
        progress.set(0);
        busy.set(false);
        current = null;
    }

    private void show(Gateway g) {
        routerName.set(g.displayName());
        RouterStatus s = g.status();
        String ip = s.externalIpText().isEmpty() ? "no external address" : "external address " + s.externalIpText();
        routerDetails.set(g.address().getHostAddress() + " \u00b7 " + s.connectionStatus().upnpName() + " \u00b7 " + ip
                + (s.doubleNat() ? " \u00b7 double NAT" : ""));
    }

    /** Expected failures carry a sentence; anything else is named without a stack trace. */
    static String messageOf(Throwable error) {
        if (error instanceof PortForwardException) {
            return error.getMessage();
        }
        return "Something went wrong: " + error;
    }

    public ReadOnlyStringProperty routerNameProperty() {
        return routerName;
    }

    public ReadOnlyStringProperty routerDetailsProperty() {
        return routerDetails;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ObservableList<ListedMapping> mappings() {
        return mappings;
    }
}
