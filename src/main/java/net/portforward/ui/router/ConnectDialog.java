package net.portforward.ui.router;

import java.util.ResourceBundle;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;
import net.portforward.ui.common.Icons;

/** "Connect to URL…": the description URL of a router discovery cannot find. */
public final class ConnectDialog {
    private static ResourceBundle text() {
        return net.portforward.ui.common.UiText.bundle("net.portforward.ui.router.RouterText");
    }

    private ConnectDialog() {
    }

    public static TextInputDialog create(Window owner, String suggestion) {
        TextInputDialog d = new TextInputDialog(suggestion);
        d.initOwner(owner);
        d.setTitle(text().getString("connect.title"));
        d.setHeaderText(text().getString("connect.header"));
        d.setContentText(text().getString("connect.hint"));
        d.setGraphic(Icons.CONNECT.node());
        d.getEditor().setId("routerUrl");
        d.getEditor().setPrefColumnCount(36);
        return d;
    }
}
