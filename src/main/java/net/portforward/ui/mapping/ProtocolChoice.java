package net.portforward.ui.mapping;

import java.util.List;
import net.portforward.engine.model.Protocol;

/** The protocol choice; BOTH adds a TCP and a UDP mapping with the same ports (adding only). */
public enum ProtocolChoice {
    TCP(List.of(Protocol.TCP)), UDP(List.of(Protocol.UDP)), BOTH(List.of(Protocol.TCP, Protocol.UDP));

    private final List<Protocol> protocols;

    ProtocolChoice(List<Protocol> protocols) {
        this.protocols = protocols;
    }

    public List<Protocol> protocols() {
        return protocols;
    }

    static ProtocolChoice of(Protocol p) {
        return p == Protocol.TCP ? TCP : UDP;
    }
}
