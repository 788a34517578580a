package net.portforward.ui.main;

import java.util.List;
import net.portforward.engine.discovery.Discovery;
import net.portforward.engine.discovery.NoGatewayException;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.model.MappingProtocol;
import net.portforward.ui.common.ErrorReport;
import net.portforward.ui.common.UiText;

/**
 * Why there is no router to show, in words, and what to try: the pane shown in place of the table.
 * It speaks of the window's own controls ("Search on", "Connect to URL…"); the command line words
 * the same engine reasons with its flags.
 */
public record Problem(String title, String explanation) {

    /** The default gateway answered the search but offers nothing PortForward can use by itself. */
    static Problem silentGateway(Discovery.Result found) {
        return new Problem(UiText.get("problem.gatewaySilent"),
                UiText.format("problem.gatewaySilentText", found.defaultGateway().orElseThrow().getHostAddress(),
                        protocols(List.of(MappingProtocol.values())))
                        + " " + UiText.get("problem.othersOffer")
                        // e.g. which device answered the search sent to the gateway (a CARP pair)
                        + (found.problems().isEmpty() ? "" : " " + net.portforward.ui.common.UiText.words().say(found.problems())));
    }

    /** The search (or the direct connection) ended without a router. */
    static Problem searchFailed(Throwable e) {
        if (e instanceof CancelledException) {
            return new Problem(UiText.get("problem.cancelled"), UiText.get("problem.cancelledText"));
        }
        if (e instanceof NoGatewayException none) {
            return noGateway(none);
        }
        return new Problem(UiText.get("problem.unreadable"), ErrorReport.of("", e).sentence());
    }

    /** The router shown until now stopped answering (switched off, restarting, the cable out). */
    static Problem gone(Throwable e) {
        return new Problem(UiText.get("problem.gone"), ErrorReport.of("", e).sentence() + " "
                + UiText.get("problem.goneText"));
    }

    private static Problem noGateway(NoGatewayException none) {
        String problems = none.problems().isEmpty() ? "" : " " + net.portforward.ui.common.UiText.words().say(none.problems());
        return switch (none.reason()) {
            case NO_NETWORK -> new Problem(UiText.get("problem.noNetwork"), UiText.get("problem.noNetworkText"));
            case NOTHING_ANSWERED -> new Problem(UiText.get("problem.none"), UiText.format("problem.noneText",
                    none.interfaceName(), protocols(none.tried())) + problems + " " + UiText.get("problem.tryControls"));
            case NOTHING_USABLE -> new Problem(UiText.get("problem.none"), UiText.format("problem.noneUsable",
                    none.interfaceName(), protocols(none.tried())) + problems + " " + UiText.get("problem.tryControls"));
            case GATEWAY_SILENT -> new Problem(UiText.get("problem.gatewaySilent"), UiText.format(
                    "problem.gatewaySilentText", none.gateway().map(a -> a.getHostAddress()).orElse("?"),
                    protocols(none.tried())) + others(none) + problems);
            case GATEWAY_UNUSABLE -> new Problem(UiText.get("problem.unusable"), problems.strip() + " "
                    + UiText.get("problem.unusableText"));
        };
    }

    private static String others(NoGatewayException none) {
        if (none.others().isEmpty()) {
            return "";
        }
        return " " + UiText.format("problem.othersAt", none.others().size(), String.join(", ", none.others().stream()
                .map(g -> g.displayName() + " (" + g.address().getHostAddress() + ")").toList()));
    }

    /** "UPnP, PCP or NAT-PMP": the protocols asked, by their common names. */
    static String protocols(List<MappingProtocol> tried) {
        List<String> names = tried.stream().map(p -> switch (p) {
            case UPNP -> "UPnP";
            case PCP -> "PCP";
            case NATPMP -> "NAT-PMP";
        }).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " " + UiText.get("word.or") + " "
                + names.get(names.size() - 1);
    }
}
