package net.portforward.cli;

/** The text of {@code --help}. */
final class Help {
    static final String TEXT = """
            PortForward: find your router and manage its port forwards (UPnP, PCP, NAT-PMP).

            Usage: java -jar portforward.jar                    open the window
                   java -jar portforward.jar COMMAND [options]  run a command

            Commands:
              discover [--json]            list the routers that answer, best first
              info [--all] [--json]        the router, its internet address and connection, double NAT
                                           in words, how many forwards (--all: every field)
              list [--json|--csv]          the router's port forwards
              add EXTERNAL_PORT PROTOCOL INTERNAL_PORT [--client IP] [--description TEXT] [--lease SECONDS]
                                           forward a port (client: this computer unless given;
                                           lease in seconds or like 2h or 1 day, 0 = permanent)
              add any PROTOCOL INTERNAL_PORT [options]
                                           the router picks a free external port and PortForward
                                           says which (IGD:2 routers, PCP, NAT-PMP)
              edit EXTERNAL_PORT PROTOCOL [--client IP] [--internal-port N] [--description TEXT] [--lease SECONDS]
                                           change a port forward; the old one is put back if it fails
              add ... --ipv6               also open the same port of this computer in the router's
                                           IPv6 firewall; delete closes both
              delete EXTERNAL_PORT PROTOCOL
              enable EXTERNAL_PORT PROTOCOL
              disable EXTERNAL_PORT PROTOCOL
              watch [--json] [--count N]   one line per change anyone makes on the router, until
                                           Ctrl+C (or N changes); uses the router's events, or
                                           reads it every [events] poll-interval when it has none
              test PORT [--protocol tcp|udp] [--checker URL] [--keep-mapping] [--no-mapping] [--repair] [--ipv6] [--json]
                                           can the internet reach this port? Serves the test page
                                           (or answers UDP) on it, adds a temporary forward if there
                                           is none (--no-mapping: don't), asks the checkers of
                                           [proxies] (or --checker URL), removes what it added
                                           (--keep-mapping: keep it). Exit 0 reachable, 1 not.
                                           --repair: a forward the router lists that does not work
                                           is deleted, added again and tested again; --ipv6: over
                                           IPv6, with a pinhole instead of a forward (the checker
                                           must listen on IPv6)
              pinhole add PORT PROTOCOL [--lease SECONDS] [--keep|--for-now [--hold SECONDS]]
                                           open this computer's port in the router's IPv6 firewall
                                           (UPnP IGD:2 or PCP); prints its id and address. Lease 1 to
                                           86400 s (default a day; renewed while PortForward runs)
              pinhole list [--json]        the pinholes PortForward opened, with lease left, whether
                                           traffic came through and how many packets
              pinhole delete PORT PROTOCOL close one
              report [--json]              a report on your router to attach to a bug report: its
                                           description, services, search answers and last SOAP
                                           exchanges, with addresses, serial numbers and UDNs masked
              serve [PORT]                 serve the test page on this computer's LAN address
                                           (default: the [webserver] port) until Ctrl-C
              checker --listen ADDRESS:PORT [--trust-proxy ADDRESS]
                                           host a reachability checker (ADDRESS IPv4, or IPv6 in
                                           brackets: [2001:db8::5]:8765); it connects back only to
                                           the address a request came from, and only when that is
                                           on the internet (X-Forwarded-For only, and required,
                                           from the --trust-proxy address)

            Keeping port forwards (PortForward records every forward it adds in its data folder):
              add ... --keep               the default: kept; "restore" puts it back after a router reboot
              add ... --for-now [--hold SECONDS]
                                           only while this command runs: leases are renewed at half-life,
                                           Ctrl-C (or the hold time) removes them again
              add FIRST-LAST TCP|UDP|TCP+UDP [INTERNAL_PORT] [options]
                                           a port range in one step (at most 128 forwards), e.g.
                                           add 27015-27030 TCP+UDP
              restore                      put back the kept forwards the router lost
              cleanup [--keep] [--dry-run] remove (or keep) the temporary forwards a PortForward that
                                           crashed or was killed left behind
              export [--csv] [FILE]        the router's whole table as JSON (or CSV; FILE.csv means CSV)
              import FILE [--dry-run] [--keep|--for-now]
                                           add the forwards of an exported table: each line is previewed
                                           (add, identical, conflict, invalid) and conflicts are never
                                           overwritten; --dry-run only shows the preview
              preset list                  the built-in presets and your own
              preset apply NAME [--client IP] [--lease SECONDS] [--keep|--for-now]
              preset remove NAME [--client IP]
                                           add or remove a preset's forwards in one step
              preset save NAME PORTS... [--description TEXT]
                                           save your own, e.g. preset save "My game" "TCP+UDP 7777-7778"
                                           "TCP 8080->80"
              preset delete NAME

            Options:
              --router URL       talk to this router's description URL, skipping discovery
                                 (e.g. http://192.168.1.1:5000/rootDesc.xml); the only way to use
                                 a device that is not your default gateway
              --protocol auto|upnp|pcp|natpmp
                                 how to ask the router (default auto: UPnP, else PCP, else NAT-PMP;
                                 test's --protocol tcp|udp is the protocol to test)
              --interface NAME   search on this network interface (default: the one with the default route)
              --timeout SECONDS  how long discovery may take (default 3)
              --config FILE      read settings from FILE instead of your portforward.ini
              --help             this text

            Exit status: 0 done, 1 the router or network failed (test: not reachable), 2 the command was wrong.
            """;

    private Help() {
    }

    /**
     * The text; run from an installed package (whose launcher sets jpackage.app-path) the usage
     * names the installed command, e.g. {@code portforward list}, instead of the jar.
     */
    static String text() {
        String launcher = System.getProperty("jpackage.app-path", "");
        if (launcher.isBlank()) {
            return TEXT;
        }
        String name = java.nio.file.Path.of(launcher).getFileName().toString().replaceFirst("(?i)\\.exe$", "");
        String[] usage = TEXT.lines().filter(l -> l.contains("java -jar portforward.jar")).toArray(String[]::new);
        return TEXT.replace(usage[0], String.format("Usage: %-" + (name.length() + 18) + "s  open the window", name))
                .replace(usage[1], "       " + name + " COMMAND [options]  run a command");
    }
}
