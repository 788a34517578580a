package net.portforward.ui.common;

import static net.portforward.ui.FxTestSupport.onFx;
import static net.portforward.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import net.portforward.ui.FxTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A toolbar row shows its buttons' words while they fit, and only their icons when the window is too narrow. */
class ToolbarFitTest {
    private Stage stage;

    @BeforeAll
    static void fx() throws InterruptedException {
        FxTestSupport.startFx();
    }

    @AfterEach
    void close() throws InterruptedException {
        FxTestSupport.closeWindowsAndNotifications();
    }

    private static Button button(String words) {
        return new Button(words, Icons.REFRESH.node());
    }

    @Test
    void wordsWhileTheyFitIconsWhenNarrowAndWordsAgainWhenWide() throws InterruptedException {
        HBox bar = onFx(() -> {
            HBox b = new HBox(button("Refresh"), button("Add\u2026"), button("Test all"), button("Reachability\u2026"));
            ToolbarFit.install(b);
            stage = new Stage();
            stage.setScene(new Scene(b, 900, 60));
            stage.show();
            return b;
        });
        waitFor(() -> onFx(() -> bar.getWidth() >= 899));
        assertEquals(false, onFx(() -> ToolbarFit.iconsOnly(bar)), "900 px: every word fits");

        onFx(() -> {
            stage.setWidth(200);
            return null;
        });
        waitFor(() -> onFx(() -> ToolbarFit.iconsOnly(bar)));
        assertEquals(List.of(ContentDisplay.GRAPHIC_ONLY), onFx(() -> bar.getChildren().stream()
                .map(n -> ((Button) n).getContentDisplay()).distinct().toList()), "no word cut to \u2026");
        assertEquals("Refresh", onFx(() -> ((Button) bar.getChildren().get(0)).getText()), "the words stay for tooltips and readers");

        onFx(() -> {
            stage.setWidth(900);
            return null;
        });
        waitFor(() -> onFx(() -> !ToolbarFit.iconsOnly(bar)));
    }

    @Test
    void aButtonAddedLaterIsMeasuredToo() throws InterruptedException {
        HBox bar = onFx(() -> {
            HBox b = new HBox(button("Refresh"));
            ToolbarFit.install(b);
            stage = new Stage();
            stage.setScene(new Scene(b, 300, 60));
            stage.show();
            return b;
        });
        waitFor(() -> onFx(() -> bar.getWidth() >= 299));
        assertEquals(false, onFx(() -> ToolbarFit.iconsOnly(bar)));
        onFx(() -> {
            bar.getChildren().addAll(button("Test from the internet"), button("Reachability\u2026"), button("Keep \u2026"));
            return null;
        });
        waitFor(() -> onFx(() -> ToolbarFit.iconsOnly(bar)));
    }
}
