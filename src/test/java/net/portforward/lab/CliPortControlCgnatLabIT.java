package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A router behind carrier-grade NAT (WAN 100.64.77.2) with UPnP off: miniupnpd answers NAT-PMP
 * with NETWORK_FAILURE and PCP MAP with NO_RESOURCES (PortControlLabIT). The app must say double
 * NAT, not "table full", and add nothing.
 */
@Tag("lab")
class CliPortControlCgnatLabIT {
    @Test
    void infoAndAddExplainDoubleNat(@TempDir Path work) {
        LabNetwork.assumeAvailable("natpmpc");
        try (LabNetwork lab = LabNetwork.builder().variant(LabVariant.CGNAT).option("enable_upnp", "no").start()) {
            AppCli app = new AppCli(lab, work);
            Map<?, ?> info = (Map<?, ?>) AppCli.parseJson(app.ok("info", "--json").out());
            assertEquals("pcp", info.get("protocol"), info::toString);
            assertEquals("DOUBLE_NAT", info.get("natVerdict"), info::toString);
            assertEquals(true, info.get("doubleNat"));

            AppCli.Run add = app.fails(1, "add", "31080", "TCP", "31080");
            assertTrue(add.err().contains("double NAT"), add::toString);
            assertTrue(app.listJson().isEmpty(), "nothing recorded as added");
        }
    }
}
