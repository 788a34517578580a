package net.portforward.lab;

import static net.portforward.lab.LabNetwork.LAN_HOST_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How soon {@code watch} tells a change upnpc made: with the router's events, or by polling. */
final class SpeedWatch {
    static final int CHANGES = 6;
    static final Duration LINE_LIMIT = Duration.ofSeconds(40);

    private SpeedWatch() {
    }

    /**
     * Milliseconds from upnpc's exit to the watch's line, for {@link #CHANGES} adds and deletes on
     * ports from {@code basePort}.
     */
    static List<Long> latencies(AppCli app, LabNetwork lab, String events, int basePort) throws InterruptedException {
        Path settings = app.settingsWithEvents("bench-watch-" + basePort, events);
        List<Long> out = new ArrayList<>();
        try (AppProcess watch = app.start(settings, "watch", "--json")) {
            assertTrue(watch.awaitStderr("Ctrl+C stops.", LINE_LIMIT), watch.stderr());
            for (int i = 0; i < CHANGES; i++) {
                int port = basePort + i / 2;
                boolean add = i % 2 == 0;
                if (add) {
                    lab.upnpcDirect("-e", "bench watch", "-a", LAN_HOST_IP, String.valueOf(port), String.valueOf(port),
                            "TCP").orThrow();
                } else {
                    lab.upnpcDirect("-d", String.valueOf(port), "TCP").orThrow();
                }
                long exited = System.nanoTime();
                AppProcess.Line line = watch.nextLine(LINE_LIMIT);
                assertNotNull(line, "a line for change " + i + "; stderr:\n" + watch.stderr());
                @SuppressWarnings("unchecked")
                Map<String, Object> json = (Map<String, Object>) AppCli.parseJson(line.text());
                assertEquals(add ? "mappingAdded" : "mappingRemoved", json.get("type"), line.text());
                out.add(Math.max(0, (line.nanos() - exited) / 1_000_000));
            }
            watch.interrupt(Duration.ofSeconds(15));
        }
        return out;
    }
}
