package net.portforward.engine.model;

/**
 * WANCommonInterfaceConfig:1 values. Numbers are -1 where the router did not answer (many omit
 * the counters, or answer 401 for them).
 */
public record LinkInfo(
        String accessType,
        long upstreamMaxBitRate,
        long downstreamMaxBitRate,
        String physicalLinkStatus,
        long bytesSent,
        long bytesReceived,
        long packetsSent,
        long packetsReceived) {
}
