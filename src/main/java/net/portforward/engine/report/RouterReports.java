package net.portforward.engine.report;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.net.GatewayAddressPolicy;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.net.TrafficLog;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.progress.Step;
import net.portforward.engine.upnp.DescriptionParser;

/**
 * Collects a {@link RouterReport}: reads the description and every service description again
 * (over the same hardened client and address policy as everything else), takes the search
 * answers and SOAP exchanges the engine kept, and masks it all. Read-only: nothing on the router
 * changes.
 */
public final class RouterReports {
    /** Service descriptions read per report: more than any router declares, fewer than a flood. */
    static final int MAX_SERVICES = 24;
    /** Characters of the root description kept (the largest capture is 8 KB). */
    static final int MAX_DESCRIPTION_CHARS = 64 * 1024;
    private static final Pattern SERIAL = Pattern.compile("(?is)<(?:[\\w.-]+:)?serialNumber\\b[^>]*>(.*?)<");
    private static final Pattern UDN = Pattern.compile("(?is)<(?:[\\w.-]+:)?UDN\\b[^>]*>(.*?)<");
    private static final Pattern EXTERNAL = Pattern.compile("(?is)<(?:[\\w.-]+:)?NewExternalIPAddress\\b[^>]*>(.*?)<");

    private RouterReports() {
    }

    /**
     * @param location the description to report on, or null when none is known
     * @param router the address the description (and every URL in it) must be on
     * @param gateway what the engine made of it, or null when nothing usable
     * @param problems what went wrong before, in words (a failed search)
     */
    public static RouterReport collect(SafeHttp http, URI location, InetAddress router, Gateway gateway,
            List<String> problems, Progress p) throws CancelledException {
        p.report(0.1, Step.READING_DESCRIPTION.with());
        List<String> trouble = new ArrayList<>(problems);
        String description = "";
        List<ServiceRef> services = List.of();
        if (location != null && router != null) {
            GatewayAddressPolicy policy = new GatewayAddressPolicy(router);
            try {
                policy.check(location, "description URL");
                SafeHttp.Response r = http.get(location, p);
                description = new String(r.body(), StandardCharsets.UTF_8);
                if (r.status() != 200) {
                    trouble.add("The description URL answered HTTP " + r.status() + ".");
                }
                services = DescriptionParser.parse(r.body(), location, policy).description().services();
            } catch (CancelledException e) {
                throw e;
            } catch (PortForwardException e) {
                trouble.add(e.getMessage());
            }
        }
        List<RawService> raw = actions(http, services, p);
        TrafficLog traffic = http.traffic();
        ReportMask mask = new ReportMask(all(SERIAL, description), udns(description, services),
                externalAddresses(gateway, traffic));
        p.report(0.9, Step.MASKING_REPORT.with());
        return new RouterReport(Instant.now().toString(), version(),
                location == null ? "" : mask.apply(location.toString()), gatewayFields(gateway, mask),
                mask.apply(description.length() > MAX_DESCRIPTION_CHARS
                        ? description.substring(0, MAX_DESCRIPTION_CHARS) + "\u2026" : description),
                raw.stream().map(s -> new RouterReport.Service(mask.apply(s.ref().serviceType()),
                        mask.apply(s.ref().serviceId()), mask.apply(String.valueOf(s.ref().controlUrl())),
                        s.ref().scpdUrl() == null ? "" : mask.apply(s.ref().scpdUrl().toString()),
                        s.actions().stream().map(mask::apply).toList(), mask.apply(s.problem()))).toList(),
                traffic.answers().stream().map(a -> new RouterReport.Answer(a.at().toString(),
                        mask.apply(a.from().getHostAddress()), mask.apply(a.text()))).toList(),
                traffic.exchanges().stream().map(e -> new RouterReport.Exchange(e.at().toString(),
                        mask.apply(e.url().toString()), mask.apply(e.action()), mask.apply(e.request()), e.status(),
                        mask.apply(e.response()), mask.apply(e.error()))).toList(),
                trouble.stream().map(mask::apply).toList());
    }

    private record RawService(ServiceRef ref, List<String> actions, String problem) {
    }

    /** Each service with the actions of its SCPD, each SCPD read once. */
    private static List<RawService> actions(SafeHttp http, List<ServiceRef> services, Progress p)
            throws CancelledException {
        Map<URI, Object> read = new HashMap<>(); // URL -> actions (List) or problem (String)
        List<RawService> out = new ArrayList<>();
        for (ServiceRef s : services) {
            p.checkCancelled();
            if (s.scpdUrl() == null) {
                out.add(new RawService(s, List.of(), "It names no service description."));
                continue;
            }
            if (!read.containsKey(s.scpdUrl()) && read.size() >= MAX_SERVICES) {
                out.add(new RawService(s, List.of(), "Not read: more than " + MAX_SERVICES + " service descriptions."));
                continue;
            }
            Object got = read.computeIfAbsent(s.scpdUrl(), url -> {
                try {
                    SafeHttp.Response r = http.get(url, p);
                    return r.status() == 200 ? ServiceActions.parse(r.body()) : "Its service description answered HTTP "
                            + r.status() + ".";
                } catch (PortForwardException e) {
                    return "Its service description could not be read: " + e.getMessage();
                }
            });
            p.checkCancelled();
            @SuppressWarnings("unchecked")
            RawService rs = got instanceof List<?> list ? new RawService(s, (List<String>) list, "")
                    : new RawService(s, List.of(), (String) got);
            out.add(rs);
        }
        return out;
    }

    private static Map<String, String> gatewayFields(Gateway g, ReportMask mask) {
        Map<String, String> o = new LinkedHashMap<>();
        if (g == null) {
            return o;
        }
        o.put("name", mask.apply(g.name()));
        g.upnp().ifPresent(u -> {
            o.put("manufacturer", mask.apply(u.device().manufacturer()));
            o.put("model", mask.apply((u.device().modelName() + " " + u.device().modelNumber()).trim()));
            o.put("deviceType", mask.apply(u.device().deviceType()));
        });
        o.put("service", mask.apply(g.serviceLabel()));
        o.put("address", g.address().getHostAddress());
        o.put("defaultGateway", String.valueOf(g.defaultGateway()));
        o.put("connectionStatus", g.status().connectionStatus().upnpName());
        o.put("externalIp", mask.apply(g.status().externalIpText()));
        o.put("natVerdict", g.status().natVerdict().name());
        o.put("lastConnectionError", mask.apply(g.status().lastConnectionError()));
        return o;
    }

    private static Set<String> udns(String description, List<ServiceRef> services) {
        Set<String> out = new LinkedHashSet<>(all(UDN, description));
        services.forEach(s -> {
            out.add(s.deviceUdn());
            out.add(s.parentUdn());
        });
        out.removeIf(String::isBlank);
        return out;
    }

    private static Set<String> externalAddresses(Gateway g, TrafficLog traffic) {
        Set<String> out = new LinkedHashSet<>();
        if (g != null) {
            out.add(g.status().externalIpText());
        }
        traffic.exchanges().forEach(e -> out.addAll(all(EXTERNAL, e.response())));
        return out;
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out;
    }

    private static String version() {
        String v = RouterReports.class.getPackage().getImplementationVersion();
        return v == null ? "" : v;
    }
}
