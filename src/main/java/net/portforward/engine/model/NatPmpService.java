package net.portforward.engine.model;

/** NAT-PMP (RFC 6886) on the gateway's UDP port {@code port}: 5351, or a test fake's port. */
public record NatPmpService(int port) implements MappingService {
    @Override
    public MappingProtocol protocol() {
        return MappingProtocol.NATPMP;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.PCP_OR_NATPMP;
    }
}
