package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Map;
import java.util.function.BiConsumer;

/** A multicast SSDP search on one interface, handing each answer's source and headers to a sink. */
interface MulticastSearch extends AutoCloseable {
    void search();

    @Override
    void close();

    /** Opens one; jUPnP's in the app ({@link JupnpSearcher}). */
    @FunctionalInterface
    interface Factory {
        MulticastSearch open(NetworkInterface nif, BiConsumer<InetAddress, Map<String, String>> sink);
    }
}
