package net.portforward.engine.discovery;

import java.time.Duration;
import java.util.List;
import net.portforward.engine.error.PortForwardException;

/** Discovery found no usable router; the message is a diagnosis in words. */
public class NoGatewayException extends PortForwardException {
    private final String interfaceName;
    private final List<String> problems;

    public NoGatewayException(String interfaceName, Duration waited, int answers, List<String> problems) {
        super(describe(interfaceName, waited, answers, problems));
        this.interfaceName = interfaceName;
        this.problems = List.copyOf(problems);
    }

    public String interfaceName() {
        return interfaceName;
    }

    public List<String> problems() {
        return problems;
    }

    private static String describe(String nif, Duration waited, int answers, List<String> problems) {
        String base = answers == 0
                ? "No UPnP router answered on " + nif + " within " + waited.toMillis() / 1000.0 + " s. UPnP may be"
                        + " turned off on the router, or a firewall on this computer may block UDP port 1900."
                        + " Try another interface (--interface), or give the router's description URL (--router URL)."
                : "Devices answered on " + nif + ", but none is a usable UPnP router.";
        return problems.isEmpty() ? base : base + " " + String.join(" ", problems);
    }
}
