package net.portforward.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the table that {@code upnpc -l} (and {@code -L}) prints, e.g.
 * <pre>
 *  i protocol exPort-&gt;inAddr:inPort description remoteHost leaseTime
 *  0 UDP  3000-&gt;192.168.77.10:3000  'my game' '' 3600
 *  1 TCP  8080-&gt;192.168.77.10:80    'libminiupnpc' '' 604800
 * GetGenericPortMappingEntry() returned 713 (SpecifiedArrayIndexInvalid)
 * </pre>
 * (real miniupnpc 2.2.4 output against the lab's miniupnpd 2.3.1). Every other line is ignored.
 */
public final class UpnpcListing {

    /** One mapping row; leaseSeconds is what is left of the lease, 0 = permanent. */
    public record Row(int index, String protocol, int externalPort, String internalClient, int internalPort,
                      String description, String remoteHost, long leaseSeconds) {
    }

    // The description may hold spaces and quotes, so it is greedy; the remote host is an address or empty.
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(\\d+)\\s+(\\S+)\\s+(\\d+)->([^\\s:]+):(\\d+)\\s+'(.*)'\\s+'([^'\\s]*)'\\s+(\\d+)\\s*$");

    private UpnpcListing() {
    }

    public static List<Row> parse(String upnpcListOutput) {
        List<Row> rows = new ArrayList<>();
        for (String line : upnpcListOutput.split("\\R")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
                        m.group(4), Integer.parseInt(m.group(5)), m.group(6), m.group(7),
                        Long.parseLong(m.group(8))));
            }
        }
        return rows;
    }

    /** The row for one external port and protocol, if listed. */
    public static Optional<Row> find(List<Row> rows, String protocol, int externalPort) {
        return rows.stream()
                .filter(r -> r.protocol().equalsIgnoreCase(protocol) && r.externalPort() == externalPort)
                .findFirst();
    }
}
