/**
 * What NAT-PMP (RFC 6886) and PCP (RFC 6887) share: one request and its answer over UDP with the
 * gateway ({@link net.portforward.engine.portcontrol.UdpExchange}), the datagrams it drops and why,
 * and the gateway's epoch, which tells when the gateway restarted and forgot its mappings
 * ({@link net.portforward.engine.portcontrol.EpochTracker}). Both protocols answer on the
 * gateway's UDP port 5351, and miniupnpd keeps one epoch for both.
 */
package net.portforward.engine.portcontrol;
