/**
 * PortForward's NAT-PMP client (RFC 6886): the gateway's external address, and mappings of a
 * TCP or UDP port to this computer, on the gateway's UDP port 5351.
 * {@link net.portforward.engine.natpmp.NatPmpWire} holds the message layouts,
 * {@link net.portforward.engine.natpmp.NatPmpClient} the exchanges.
 */
package net.portforward.engine.natpmp;
