package net.portforward.lab;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The floor under the window's start figure in the speed benchmark: the smallest JavaFX window
 * (one label), started from the same jar on the same JVM. What PortForward's window takes beyond
 * this is its own; what this takes is the JVM and JavaFX's toolkit (Glass, Prism, GTK, fonts).
 * A main class of its own: a class extending Application as the main class needs JavaFX as
 * modules, which the jar's class path does not give.
 */
public final class EmptyWindow {
    private EmptyWindow() {
    }

    public static void main(String[] args) throws java.io.IOException {
        // As PortForward's own start does: JavaFX's libraries come out of the one jar first.
        net.portforward.app.JavaFxNatives.prepare();
        Application.launch(Shown.class, args);
    }

    /** The window itself, titled like PortForward's so the benchmark's xwininfo finds it. */
    public static final class Shown extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("PortForward");
            stage.setScene(new Scene(new Label("PortForward"), 400, 200));
            stage.show();
        }
    }
}
