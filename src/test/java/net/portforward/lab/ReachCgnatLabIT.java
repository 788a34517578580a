package net.portforward.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reachability test behind carrier-grade NAT: the router's WAN is 100.64.77.2, miniupnpd
 * refuses every forward (501), and the checker at 100.64.77.1 sees the request come from a
 * carrier-grade NAT address, which it never connects back to. The verdict must name double NAT,
 * not "no forward".
 */
class ReachCgnatLabIT extends LabCliTest {

    @Override
    LabVariant variant() {
        return LabVariant.CGNAT;
    }

    @Test
    @SuppressWarnings("unchecked")
    void explainedAsDoubleNat() {
        try (LabBackground checker = ReachLabIT.startChecker(lab, app)) {
            String url = "http://" + variant().wanHostAddress() + ":" + ReachLabIT.CHECKER_PORT + "/";
            AppCli.Run r = app.run("test", ReachLabIT.PORT, "--checker", url, "--json");
            assertEquals(1, r.exit(), r::toString);
            Map<String, Object> v = (Map<String, Object>) AppCli.parseJson(r.out());
            assertEquals("DOUBLE_NAT", v.get("reason"), v::toString);
            assertTrue(((String) v.get("message")).contains("carrier-grade NAT"), v::toString);
            List<String> notes = (List<String>) v.get("notes");
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("A temporary forward could not be added")), notes::toString);
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("100.64.77.1:8765 said:")
                    && n.contains("a carrier-grade NAT address")), notes::toString);
            assertEquals(List.of(), lab.listMappings());

            AppCli.Run text = app.run("test", ReachLabIT.PORT, "--checker", url);
            System.out.println("Behind carrier-grade NAT, as a user reads it:\n" + text.out() + "\nchecker log:\n"
                    + checker.output());
        }
    }
}
