package net.portforward.engine.portcontrol;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.BooleanSupplier;
import net.portforward.engine.progress.Progress;

/** Small helpers the NAT-PMP and PCP client tests share. */
public final class PortControlTestSupport {
    public static final InetAddress LOOPBACK = loopback();

    private PortControlTestSupport() {
    }

    /** A progress whose user presses Cancel once {@code when} holds. */
    public static Progress cancelWhen(BooleanSupplier when) {
        return Progress.cancelledWhen(when);
    }

    /** Open file descriptors of this JVM (sockets among them), or -1 where the platform cannot say. */
    public static long openFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
