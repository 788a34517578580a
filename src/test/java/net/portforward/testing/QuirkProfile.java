package net.portforward.testing;

import java.util.function.Supplier;

/**
 * Router families whose UPnP differs from the spec, as {@link FakeRouter} plays them: one row per
 * family, with what it does differently and what PortForward must do about it (FIELD.md, "More
 * router quirks that mature clients handle"). The engine's RouterQuirksTest checks each row; the
 * README's table of routers covered is this one.
 *
 * <p>Quirks of discovery (answers from other ports, unicast- or multicast-only routers, CARP
 * pairs) are DiscoveryQuirksTest's rows, and those of the HTTP exchange itself (one segment, no
 * half-close) SoapTransportQuirksTest's: they need other fakes than this one.
 */
public enum QuirkProfile {
    HUAWEI_TR064("Huawei gateways (tailscale #6320)",
            "name their services with the DSL Forum's TR-064 URNs (urn:dslforum-org:service:WANIPConnection:1)",
            "uses them like the UPnP Forum's: same actions, under their own service type",
            () -> FakeRouter.Options.template(FakeRouter.Template.HUAWEI_TR064)),
    HUAWEI_HG531_V1("Huawei HG531 V1 (tailscale #10911)",
            "is a TR-064 IGD whose only port-mapping service is urn:dslforum-org:service:WANPPPConnection:1",
            "uses that WANPPPConnection (Tailscale's legacy_upnp.go does the same)",
            () -> FakeRouter.Options.captured("huawei-hg531v1-rootdesc.xml")),
    NO_MAPPING_SERVICE("An IGD without a port-mapping service (the HG531 V1 with its PPP service off)",
            "answers searches and describes itself, but lists no WANIPConnection or WANPPPConnection",
            "says in one sentence which router it is and what it lacks",
            () -> FakeRouter.Options.description(withoutPppService())),
    BBOX("BBox (miniupnp #147)", "reports ConnectionStatus \"Up\" instead of \"Connected\"",
            "reads it as connected", () -> FakeRouter.Options.igd1().connectionStatus("Up")),
    UNSPECIFIED_ADDRESS("IGDs answering 0.0.0.0 (tailscale corp#23538)",
            "report 0.0.0.0 as their internet address",
            "shows no internet address, and adds no forward while the router has none",
            () -> FakeRouter.Options.igd2().externalIp("0.0.0.0")),
    TAKEN_PORT_501("Routers answering 501 for a taken port (libtorrent upnp.cpp)",
            "answer 501 Action Failed instead of 718 when another computer holds the port",
            "looks up who holds it and offers the nearest free port; no blind retries",
            () -> FakeRouter.Options.igd1().conflictCode(501)),
    ARRIS_NVG578LX("ARRIS NVG578LX (tailscale #15223)",
            "answers 402 Invalid Args, where others answer 725, to a forward with a lease",
            "tries once more with a permanent forward, and says so",
            () -> FakeRouter.Options.igd1().fault(FaultRule.fault("AddPortMapping", SoapFaults.INVALID_ARGS)
                    .when(c -> !"0".equals(c.arg("NewLeaseDuration"))))),
    TP_LINK_ER605("TP-Link ER605 (tailscale #7377)", "refuses \"tcp\" and \"udp\" in lower case",
            "always sends TCP and UDP in upper case, in every action",
            () -> FakeRouter.Options.igd2().requireUpperCaseProtocol(true)),
    MIKROTIK("MikroTik RouterOS (tailscale #8364, PR #20781)",
            "keeps only permanent forwards (725), and may fail to tell its internet address",
            "checks the internet address before a new forward, so a failing router collects no permanent leftovers",
            () -> FakeRouter.Options.mikrotikTwoWan().fault(FaultRule.onlyPermanentLeases())),
    LOW_PORTS_RESERVED("Routers keeping the ports below 1024 (tailscale upnp.go)",
            "refuse external ports below 1024 with 606 (others with 718 or 501)",
            "says many routers reserve them and offers the nearest free port from 1024 up",
            () -> FakeRouter.Options.igd2().reservedPortsBelow(1024, SoapFaults.ACTION_NOT_AUTHORIZED)),
    TECHNICOLOR_CGA4131COM("Technicolor (Cisco) CGA4131COM (tailscale #21208)",
            "keeps listing and renewing a forward that has stopped forwarding",
            "offers Repair after a failed reachability test: delete and add it again, then test again",
            () -> FakeRouter.Options.captured("cisco-cga4131com-rootdesc.xml"));

    private final String family;
    private final String quirk;
    private final String handling;
    private final Supplier<FakeRouter.Options> options;

    QuirkProfile(String family, String quirk, String handling, Supplier<FakeRouter.Options> options) {
        this.family = family;
        this.quirk = quirk;
        this.handling = handling;
        this.options = options;
    }

    /** Who does it, with the source that reported it. */
    public String family() {
        return family;
    }

    /** What the router does differently. */
    public String quirk() {
        return quirk;
    }

    /** What PortForward does about it. */
    public String handling() {
        return handling;
    }

    /** A fresh fake-router configuration playing this family. */
    public FakeRouter.Options options() {
        return options.get();
    }

    /** The HG531 V1 capture with its one port-mapping service (WANPPPConnection) taken out. */
    static String withoutPppService() {
        String capture = new String(DescriptionTemplates.loadCapture("huawei-hg531v1-rootdesc.xml"),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        int type = capture.indexOf("urn:dslforum-org:service:WANPPPConnection:1");
        int start = capture.lastIndexOf("<service>", type);
        int end = capture.indexOf("</service>", type) + "</service>".length();
        return capture.substring(0, start) + capture.substring(end);
    }
}
