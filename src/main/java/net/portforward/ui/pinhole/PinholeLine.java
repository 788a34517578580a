package net.portforward.ui.pinhole;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

/**
 * The router panel's line on IPv6: whether this computer's ports can be opened in the router's
 * IPv6 firewall, or in a home user's words why not ("This computer has no public IPv6 address:
 * there is nothing to open"), with the whole story in the tooltip.
 */
public final class PinholeLine extends Label {
    public static final String ID = "ipv6Pinholes";

    public PinholeLine(PinholeModel model) {
        setId(ID);
        getStyleClass().add("muted");
        setWrapText(true);
        model.stateProperty().addListener((o, was, now) -> show(now));
        show(model.stateProperty().get());
    }

    private void show(PinholeState s) {
        setText(s.line());
        setVisible(s.shown());
        setManaged(s.shown());
        setTooltip(s.detail().isEmpty() ? null : new Tooltip(s.detail()));
    }
}
