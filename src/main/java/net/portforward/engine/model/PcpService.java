package net.portforward.engine.model;

/**
 * PCP (RFC 6887) on the gateway's UDP port {@code port}: 5351, or a test fake's port.
 */
public record PcpService(int port) implements MappingService {
    public static final int PORT = 5351;

    @Override
    public MappingProtocol protocol() {
        return MappingProtocol.PCP;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.PCP_OR_NATPMP;
    }
}
