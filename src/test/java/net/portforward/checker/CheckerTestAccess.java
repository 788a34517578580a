package net.portforward.checker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/** Starts a checker for tests in other packages: 1 s checks, a generous rate limit, on {@code at}. */
public final class CheckerTestAccess {
    /** Tests' clients are on 127.0.0.x: the checker must connect back there, and to nothing else the strict policy refuses. */
    public static final ConnectBackPolicy PUBLIC_AND_LOOPBACK =
            new ConnectBackPolicy(EnumSet.of(AddressKind.PUBLIC, AddressKind.LOOPBACK));

    private CheckerTestAccess() {
    }

    /** @return the port; the server is added to {@code closing} */
    public static int start(InetAddress at, List<AutoCloseable> closing) throws Exception {
        CheckerServer c = CheckerServer.start(new CheckerServer.Options(new InetSocketAddress(at, 0), null, 1000,
                Duration.ofSeconds(1), PUBLIC_AND_LOOPBACK, Duration.ofSeconds(2)), line -> { });
        closing.add(c);
        return c.address().getPort();
    }
}
