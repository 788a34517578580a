package net.portforward.engine.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user attaches to a bug report when their router does not work with PortForward: the
 * router's description, its services and their actions, the search answers and the last SOAP
 * exchanges, with the internet address, serial numbers, UDNs and MAC-like strings already masked
 * (see {@link ReportMask}). Built by {@link RouterReports}; text for pasting, or JSON.
 *
 * @param location the description URL reported on ("" when none was known)
 * @param gateway what the engine made of the router (service, status), empty when it found nothing usable
 * @param description the root description as the router sent it
 * @param problems what went wrong on the way, in words
 */
public record RouterReport(String created, String version, String location, Map<String, String> gateway,
        String description, List<Service> services, List<Answer> searchAnswers, List<Exchange> soapExchanges,
        List<String> problems) {

    public RouterReport {
        gateway = Map.copyOf(new LinkedHashMap<>(gateway));
        services = List.copyOf(services);
        searchAnswers = List.copyOf(searchAnswers);
        soapExchanges = List.copyOf(soapExchanges);
        problems = List.copyOf(problems);
    }

    /** One service of the description, with the actions its SCPD declares (or why they are missing). */
    public record Service(String type, String id, String controlUrl, String scpdUrl, List<String> actions,
            String problem) {
        public Service {
            actions = List.copyOf(actions);
        }
    }

    /** A datagram that answered a search. */
    public record Answer(String at, String from, String text) {
    }

    /** A SOAP call: what was sent, and the answer or why none came. */
    public record Exchange(String at, String url, String action, String request, int status, String response,
            String error) {
    }

    /** For {@code report --json}; the keys are documented in the README. */
    public Map<String, Object> json() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("created", created);
        o.put("version", version);
        o.put("location", location);
        o.put("gateway", new LinkedHashMap<>(gateway));
        o.put("description", description);
        List<Object> svc = new ArrayList<>();
        for (Service s : services) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serviceType", s.type());
            m.put("serviceId", s.id());
            m.put("controlUrl", s.controlUrl());
            m.put("scpdUrl", s.scpdUrl());
            m.put("actions", s.actions());
            m.put("problem", s.problem());
            svc.add(m);
        }
        o.put("services", svc);
        List<Object> answers = new ArrayList<>();
        for (Answer a : searchAnswers) {
            answers.add(new LinkedHashMap<>(Map.of("at", a.at(), "from", a.from(), "text", a.text())));
        }
        o.put("searchAnswers", answers);
        List<Object> exchanges = new ArrayList<>();
        for (Exchange e : soapExchanges) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at());
            m.put("url", e.url());
            m.put("action", e.action());
            m.put("request", e.request());
            m.put("status", e.status());
            m.put("response", e.response());
            m.put("error", e.error());
            exchanges.add(m);
        }
        o.put("soapExchanges", exchanges);
        o.put("problems", problems);
        return o;
    }

    /** For pasting into a bug report: sections a person can read. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("PortForward router report, ").append(created);
        if (!version.isEmpty()) {
            sb.append(", PortForward ").append(version);
        }
        sb.append("\nThe internet address, serial numbers, UDNs and MAC addresses are masked.\n");
        section(sb, "Router");
        sb.append("Description URL: ").append(location.isEmpty() ? "(none found)" : location).append('\n');
        gateway.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        if (!problems.isEmpty()) {
            section(sb, "Problems");
            problems.forEach(p -> sb.append("- ").append(p).append('\n'));
        }
        section(sb, "Services and their actions");
        for (Service s : services) {
            sb.append(s.type()).append("  (").append(s.id()).append(")\n    control ").append(s.controlUrl())
                    .append("\n    description ").append(s.scpdUrl().isEmpty() ? "(none)" : s.scpdUrl()).append('\n');
            if (!s.problem().isEmpty()) {
                sb.append("    ").append(s.problem()).append('\n');
            }
            s.actions().forEach(a -> sb.append("    ").append(a).append('\n'));
        }
        section(sb, "Search answers");
        for (Answer a : searchAnswers) {
            sb.append(a.at()).append(" from ").append(a.from()).append(":\n").append(indent(a.text())).append('\n');
        }
        section(sb, "Last SOAP exchanges");
        for (Exchange e : soapExchanges) {
            sb.append(e.at()).append(' ').append(e.action()).append(" to ").append(e.url()).append('\n')
                    .append(indent(e.request())).append('\n');
            sb.append(e.error().isEmpty() ? "  -> HTTP " + e.status() + "\n" + indent(e.response()) : "  -> " + e.error())
                    .append('\n');
        }
        section(sb, "Root description");
        sb.append(description.isEmpty() ? "(not read)" : description).append('\n');
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title) {
        sb.append("\n== ").append(title).append(" ==\n");
    }

    private static String indent(String text) {
        return "    " + text.strip().replace("\r\n", "\n").replace("\n", "\n    ");
    }
}
