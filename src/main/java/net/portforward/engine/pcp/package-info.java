/**
 * PortForward's PCP client (RFC 6887, version 2): MAP to create, renew and delete mappings (IPv4
 * now, IPv6 pinholes with the same MAP later), ANNOUNCE to probe a gateway and learn its epoch,
 * and the listener for the restart announcements gateways multicast to 224.0.0.1:5350.
 * {@link net.portforward.engine.pcp.PcpWire} holds the message layouts,
 * {@link net.portforward.engine.pcp.PcpClient} the exchanges.
 */
package net.portforward.engine.pcp;
