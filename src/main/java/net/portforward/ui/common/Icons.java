package net.portforward.ui.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** The Material Design icons the window uses, by what they mean here. */
public enum Icons {
    REFRESH(MaterialDesignR.REFRESH),
    ADD(MaterialDesignP.PLUS),
    EDIT(MaterialDesignP.PENCIL),
    DELETE(MaterialDesignD.DELETE),
    SETTINGS(MaterialDesignC.COG),
    COPY(MaterialDesignC.CONTENT_COPY),
    INFO(MaterialDesignI.INFORMATION_OUTLINE),
    CONNECT(MaterialDesignL.LINK_VARIANT),
    WARNING(MaterialDesignA.ALERT),
    ERROR(MaterialDesignA.ALERT_CIRCLE_OUTLINE),
    ROUTER(MaterialDesignR.ROUTER_WIRELESS),
    THIS_COMPUTER(MaterialDesignM.MONITOR),
    SEARCH(MaterialDesignM.MAGNIFY),
    INTERFACE(MaterialDesignL.LAN),
    CANCEL(MaterialDesignS.STOP_CIRCLE_OUTLINE),
    RETRY(MaterialDesignR.RESTART),
    WEB(MaterialDesignW.WEB),
    INTERNET(MaterialDesignE.EARTH),
    OUTER_NAT(MaterialDesignD.DOMAIN),
    BLOCKED(MaterialDesignC.CLOSE_CIRCLE),
    PASSED(MaterialDesignC.CHECK_CIRCLE);

    private final Ikon ikon;

    Icons(Ikon ikon) {
        this.ikon = ikon;
    }

    /** A new icon node (a node can have one parent, so every use gets its own). */
    public FontIcon node() {
        return new FontIcon(ikon);
    }
}
