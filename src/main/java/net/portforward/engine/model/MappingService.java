package net.portforward.engine.model;

/** Which protocol reaches a gateway's port forwarding, with what that protocol needs to be called. */
public sealed interface MappingService permits UpnpService, PcpService, NatPmpService {
    MappingProtocol protocol();

    Capabilities capabilities();
}
