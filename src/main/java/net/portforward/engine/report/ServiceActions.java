package net.portforward.engine.report;

import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.net.Dom;
import net.portforward.engine.net.SafeXml;
import net.portforward.engine.net.Text;
import org.w3c.dom.Element;

/** The actions a service description (SCPD) declares, each with its arguments, for a router report. */
final class ServiceActions {
    /** More than any IGD service declares (WANIPConnection:2 has 20). */
    static final int MAX_ACTIONS = 64;

    private ServiceActions() {
    }

    /** "AddPortMapping(in NewRemoteHost, in NewExternalPort, ...)", in document order. */
    static List<String> parse(byte[] scpd) throws RouterProtocolException {
        Element root = SafeXml.parse(scpd).getDocumentElement();
        if (!"scpd".equals(Dom.localName(root))) {
            throw new RouterProtocolException(RouterTrouble.NOT_A_SERVICE_DESCRIPTION.with());
        }
        List<String> out = new ArrayList<>();
        Element list = Dom.child(root, "actionList").orElse(null);
        if (list == null) {
            return out;
        }
        for (Element action : Dom.children(list, "action")) {
            if (out.size() == MAX_ACTIONS) {
                out.add("\u2026");
                break;
            }
            List<String> args = new ArrayList<>();
            Dom.child(action, "argumentList").ifPresent(arguments -> {
                for (Element a : Dom.children(arguments, "argument")) {
                    args.add(Text.clean(Dom.childText(a, "direction"), 8) + " " + Text.clean(Dom.childText(a, "name"), 64));
                }
            });
            out.add(Text.clean(Dom.childText(action, "name"), 64) + "(" + String.join(", ", args) + ")");
        }
        return out;
    }
}
