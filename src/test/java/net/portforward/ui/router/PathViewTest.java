package net.portforward.ui.router;

import static net.portforward.ui.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import net.portforward.engine.model.NatVerdict;
import net.portforward.ui.FxTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The picture of the way in, in each state the router and a test can put it in. */
class PathViewTest {
    private Stage stage;
    private PathView path;

    @BeforeAll
    static void fx() throws Exception {
        FxTestSupport.startFx();
    }

    @BeforeEach
    void show() {
        onFx(() -> {
            path = new PathView();
            stage = new Stage();
            stage.setScene(new Scene(path, 700, 80));
            stage.show();
            return null;
        });
    }

    @AfterEach
    void close() {
        onFx(() -> {
            stage.close();
            return null;
        });
    }

    private List<String> stops() {
        return onFx(() -> path.getChildren().stream().filter(n -> n.getId() != null && n.getId().startsWith("path-")
                && !n.getId().equals("path-caption")).map(n -> n.getId() + " " + n.getStyleClass().get(n.getStyleClass()
                .size() - 1)).toList());
    }

    private String caption() {
        return onFx(() -> ((Label) path.lookup("#path-caption")).getText());
    }

    private void set(boolean found, NatVerdict nat, NetworkPath.TestMark test) {
        onFx(() -> {
            path.showRouter(found, nat);
            path.showTest(test);
            return null;
        });
    }

    @Test
    void aPublicAddressIsAnOpenWayWithoutTheOuterRouter() {
        set(true, NatVerdict.PUBLIC, null);
        assertEquals(List.of("path-computer path-plain", "path-router path-plain", "path-internet path-plain"), stops());
        assertEquals("", caption());
    }

    @Test
    void doubleNatShowsTheOuterRouterAndShutsTheWayThere() {
        set(true, NatVerdict.DOUBLE_NAT, null);
        assertEquals(List.of("path-computer path-plain", "path-router path-plain", "path-outer-nat path-blocked",
                "path-internet path-plain"), stops());
        assertTrue(caption().startsWith("The way in stops at the outer router"), caption());
    }

    @Test
    void noRouterShutsTheWayAtTheRouter() {
        set(false, null, null);
        assertEquals(List.of("path-computer path-plain", "path-router path-blocked", "path-internet path-plain"), stops());
        assertEquals("No router found: nothing can be forwarded.", caption());
    }

    @Test
    void aReachableTestColoursTheWholeWay() {
        set(true, NatVerdict.PUBLIC, new NetworkPath.TestMark(true, null, "TCP 8080 \u00b7 14:02"));
        assertEquals(List.of("path-computer path-passed", "path-router path-passed", "path-internet path-passed"), stops());
        assertEquals("TCP 8080 \u00b7 14:02: reachable from the internet.", caption());
        assertTrue(onFx(() -> path.lookupAll(".path-link").stream().allMatch(l -> l.getStyleClass()
                .contains(PathView.PASSED))));
    }

    @Test
    void aTestStoppedAtTheRouterMarksItAndWhatItPassed() {
        set(true, NatVerdict.PUBLIC, new NetworkPath.TestMark(false, NetworkPath.Hop.ROUTER, "UDP 27015 \u00b7 14:02"));
        assertEquals(List.of("path-computer path-plain", "path-router path-failed", "path-internet path-passed"), stops());
        assertEquals("UDP 27015 \u00b7 14:02: stopped at your router.", caption());
    }

    @Test
    void aTestStoppedAtAnOuterNatTheRouterDidNotReportShowsIt() {
        set(true, NatVerdict.PUBLIC, new NetworkPath.TestMark(false, NetworkPath.Hop.OUTER_NAT, "TCP 80 \u00b7 9:00"));
        assertEquals(List.of("path-computer path-plain", "path-router path-plain", "path-outer-nat path-failed",
                "path-internet path-passed"), stops());
        assertNull(onFx(() -> path.lookup(".path-blocked")));
    }
}
