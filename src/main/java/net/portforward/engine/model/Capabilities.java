package net.portforward.engine.model;

/**
 * What a router can do through the protocol PortForward speaks with it. The command line and the
 * window follow these instead of asking which protocol it is.
 *
 * @param listsTable the router can list its whole table, other computers' forwards included
 *     (UPnP only; PCP and NAT-PMP have no such request, so PortForward shows the forwards it holds)
 * @param keepsDescriptions the router stores a description with each forward
 * @param mapsForOtherComputers a forward may lead to another computer than the one asking (UPnP;
 *     PCP and NAT-PMP map only for the asking host)
 * @param disablesInPlace the protocol has an "enabled" flag (some routers still ignore it)
 * @param leasesRequired every forward has a time limit and must be renewed (PCP, NAT-PMP)
 * @param routerPicksPort the router may grant another external port than the one asked for
 */
public record Capabilities(boolean listsTable, boolean keepsDescriptions, boolean mapsForOtherComputers,
        boolean disablesInPlace, boolean leasesRequired, boolean routerPicksPort) {

    public static final Capabilities UPNP = new Capabilities(true, true, true, true, false, false);
    /** PCP (RFC 6887) and NAT-PMP (RFC 6886) alike. */
    public static final Capabilities PCP_OR_NATPMP = new Capabilities(false, false, false, false, true, true);
}
