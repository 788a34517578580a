package net.portforward.ui.main;

import net.portforward.engine.discovery.Discovery;
import net.portforward.engine.discovery.NoGatewayException;
import net.portforward.engine.error.CancelledException;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.UiText;

/** Why there is no router to show, in words, and what to try: the pane shown in place of the table. */
public record Problem(String title, String explanation) {

    /** The default gateway answered the search but offers nothing PortForward can use by itself. */
    static Problem silentGateway(Discovery.Result found) {
        String tried = "UPnP, PCP " + UiText.get("word.or") + " NAT-PMP";
        return new Problem(UiText.get("problem.gatewaySilent"),
                UiText.format("problem.gatewaySilentText", found.defaultGateway().orElseThrow().getHostAddress(), tried)
                        + " " + UiText.get("problem.othersOffer")
                        // e.g. which device answered the search sent to the gateway (a CARP pair)
                        + (found.problems().isEmpty() ? "" : " " + String.join(" ", found.problems())));
    }

    /** The search (or the direct connection) ended without a router. */
    static Problem searchFailed(Throwable e) {
        if (e instanceof CancelledException) {
            return new Problem(UiText.get("problem.cancelled"), UiText.get("problem.cancelledText"));
        }
        if (e instanceof NoGatewayException none) {
            return new Problem(UiText.get("problem.none"), none.getMessage());
        }
        return new Problem(UiText.get("problem.unreadable"), ErrorReport.of("", e).sentence());
    }
}
