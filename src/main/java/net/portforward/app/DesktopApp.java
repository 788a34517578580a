package net.portforward.app;

import javafx.application.Application;
import javafx.stage.Stage;
import net.portforward.config.Settings;
import net.portforward.config.SettingsException;
import net.portforward.config.SettingsLoader;
import net.portforward.engine.EngineOptions;
import net.portforward.engine.PortForwardEngine;
import net.portforward.ui.MainViewModel;
import net.portforward.ui.MainWindow;
import net.portforward.ui.TaskRunner;

/** The desktop app: creates and wires the objects, and owns shutdown. */
public final class DesktopApp extends Application {
    private PortForwardEngine engine;
    private TaskRunner runner;

    static void launchWindow(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Settings settings;
        try {
            settings = SettingsLoader.forThisMachine().load(java.util.Optional.empty());
        } catch (SettingsException e) {
            settings = Settings.defaults().withProblems(java.util.List.of(e.getMessage()));
        }
        engine = new PortForwardEngine(new EngineOptions(settings.discoveryTimeout(), settings.discoveryGrace(),
                settings.networkInterface(), settings.router(), settings.httpTimeout(), settings.dataDir()));
        runner = new TaskRunner();
        MainViewModel model = new MainViewModel(engine, runner);
        stage.setTitle("PortForward");
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
            var icon = DesktopApp.class.getResource("/icons/portforward-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setScene(MainWindow.build(model));
        stage.show();
        model.refresh();
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
