package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jupnp.DefaultUpnpServiceConfiguration;
import org.jupnp.UpnpService;
import org.jupnp.UpnpServiceImpl;
import org.jupnp.model.message.IncomingDatagramMessage;
import org.jupnp.model.message.OutgoingDatagramMessage;
import org.jupnp.model.message.UpnpRequest;
import org.jupnp.model.message.UpnpResponse;
import org.jupnp.model.message.header.DeviceTypeHeader;
import org.jupnp.model.message.header.UDADeviceTypeHeader;
import org.jupnp.model.types.DeviceType;
import org.jupnp.model.types.UDADeviceType;
import org.jupnp.protocol.ProtocolFactory;
import org.jupnp.protocol.ProtocolFactoryImpl;
import org.jupnp.protocol.ReceivingAsync;
import org.jupnp.transport.impl.NetworkAddressFactoryImpl;
import org.jupnp.transport.spi.NetworkAddressFactory;

/**
 * Sends the SSDP searches through jUPnP and hands each answer's headers to a sink, bound to one
 * network interface.
 *
 * <p>jUPnP would fetch and parse every LOCATION it hears with XML parsers that are not hardened
 * against external entities (FIELD.md), from any host that answers. Here its protocol factory
 * stops at the datagram: answers go to {@link SsdpAnswer} (LOCATION must be http to the answering
 * host) and the engine's hardened client reads the description; NOTIFYs and other hosts' searches
 * are dropped.
 */
final class JupnpSearcher implements MulticastSearch {
    private static final int SSDP_PORT = 1900;
    private final UpnpService upnp;

    /**
     * @param sink called on a jUPnP thread with the answer's source and headers
     */
    JupnpSearcher(NetworkInterface nif, BiConsumer<InetAddress, Map<String, String>> sink) {
        this.upnp = new UpnpServiceImpl(new OneInterfaceConfiguration(nif.getName())) {
            @Override
            protected ProtocolFactory createProtocolFactory() {
                return new AnswersOnly(this, sink);
            }
        };
        upnp.startup();
    }

    /**
     * Multicast searches for IGD:1 and IGD:2 (miniupnpd answers an IGD:1 search with IGD:1 even
     * when it is IGD:2, LAB.md), and for TR-064's IGD that legacy Huawei gateways announce
     * (tailscale #6320). The unicast search to the gateway is {@link SsdpUnicast}'s.
     */
    @Override
    public void search() {
        for (int version : List.of(1, 2)) {
            upnp.getControlPoint().search(new UDADeviceTypeHeader(new UDADeviceType("InternetGatewayDevice", version)), 1);
        }
        upnp.getControlPoint().search(new DeviceTypeHeader(new DeviceType("dslforum-org", "InternetGatewayDevice", 1)), 1);
    }

    @Override
    public void close() {
        upnp.shutdown();
    }

    /**
     * Where jUPnP searches: the interface's IPv4 addresses and the IPv4 group 239.255.255.250
     * only. jUPnP takes no IPv6 address, so no IPv6 search goes out beside the IPv4 one, which a
     * FritzBox does not cope with (syncthing lib/upnp).
     */
    static NetworkAddressFactory addresses(int streamListenPort, int multicastResponsePort, String interfaceName) {
        return new NetworkAddressFactoryImpl(streamListenPort, multicastResponsePort, interfaceName);
    }

    /** jUPnP restricted to one interface, with daemon threads so a CLI run never hangs on exit. */
    private static final class OneInterfaceConfiguration extends DefaultUpnpServiceConfiguration {
        private final String interfaceName;

        OneInterfaceConfiguration(String interfaceName) {
            this.interfaceName = interfaceName;
        }

        @Override
        protected NetworkAddressFactory createNetworkAddressFactory(int streamListenPort, int multicastResponsePort) {
            return addresses(streamListenPort, multicastResponsePort, interfaceName);
        }

        @Override
        protected ExecutorService createDefaultExecutorService() {
            return new ThreadPoolExecutor(0, 32, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "portforward-ssdp");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());
        }

        /**
         * Searching needs no HTTP server: answers to a search arrive as datagrams. Without this jUPnP
         * would start Jetty on every search, and listen for callbacks nobody sends.
         */
        @Override
        @SuppressWarnings("rawtypes")
        public org.jupnp.transport.spi.StreamServer createStreamServer(NetworkAddressFactory factory) {
            return new NoStreamServer();
        }

        /**
         * Nor an HTTP client: jUPnP would use it only to fetch descriptions and send SOAP and GENA,
         * which {@link AnswersOnly} never lets it do (the engine's SafeHttp reads descriptions).
         * Without this jUPnP would start Jetty's client on every search; with it the app ships no
         * Jetty at all.
         */
        @Override
        @SuppressWarnings("rawtypes")
        public org.jupnp.transport.spi.StreamClient createStreamClient() {
            return new NoStreamClient();
        }

        @Override
        public int getRegistryMaintenanceIntervalMillis() {
            return 60_000; // the registry stays empty: nothing to maintain
        }
    }

    private static final class NoStreamServer
            implements org.jupnp.transport.spi.StreamServer<org.jupnp.transport.spi.StreamServerConfiguration> {
        @Override
        public void init(InetAddress bindAddress, org.jupnp.transport.Router router) {
        }

        @Override
        public int getPort() {
            return 0;
        }

        @Override
        public void stop() {
        }

        @Override
        public org.jupnp.transport.spi.StreamServerConfiguration getConfiguration() {
            return () -> 0;
        }

        @Override
        public void run() {
        }
    }

    /** Answers every request with none, as jUPnP's router does when it has no client at all. */
    private static final class NoStreamClient
            implements org.jupnp.transport.spi.StreamClient<org.jupnp.transport.spi.StreamClientConfiguration> {
        @Override
        public org.jupnp.model.message.StreamResponseMessage sendRequest(
                org.jupnp.model.message.StreamRequestMessage request) {
            return null;
        }

        @Override
        public void stop() {
        }

        @Override
        public org.jupnp.transport.spi.StreamClientConfiguration getConfiguration() {
            return null;
        }
    }

    private static final class AnswersOnly extends ProtocolFactoryImpl {
        private final BiConsumer<InetAddress, Map<String, String>> sink;

        AnswersOnly(UpnpService upnp, BiConsumer<InetAddress, Map<String, String>> sink) {
            super(upnp);
            this.sink = sink;
        }

        @Override
        protected ReceivingAsync<?> createReceivingSearchResponse(IncomingDatagramMessage<UpnpResponse> message) {
            return new ReceivingAsync<IncomingDatagramMessage<UpnpResponse>>(getUpnpService(), message) {
                @Override
                protected void execute() {
                    Map<String, String> headers = new HashMap<>();
                    message.getHeaders().forEach((name, values) -> {
                        if (name != null && !values.isEmpty()) {
                            headers.put(name, values.get(0));
                        }
                    });
                    sink.accept(message.getSourceAddress(), headers);
                }
            };
        }

        @Override
        protected ReceivingAsync<?> createReceivingNotification(IncomingDatagramMessage<UpnpRequest> message) {
            return ignore(message);
        }

        @Override
        protected ReceivingAsync<?> createReceivingSearch(IncomingDatagramMessage<UpnpRequest> message) {
            return ignore(message);
        }

        private ReceivingAsync<?> ignore(IncomingDatagramMessage<UpnpRequest> message) {
            return new ReceivingAsync<IncomingDatagramMessage<UpnpRequest>>(getUpnpService(), message) {
                @Override
                protected void execute() {
                }
            };
        }
    }

}
