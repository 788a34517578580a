package net.portforward.ui.main;

import java.util.List;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Retention;
import net.portforward.engine.pinhole.PinholeKey;
import net.portforward.engine.progress.Progress;

/**
 * The IPv6 side of the table's commands: pinholes in the router's IPv6 firewall, opened and
 * closed with the forwards (see {@code ui.pinhole.PinholeModel}). The blocking calls run inside
 * the command's own operation, off the FX thread.
 */
public interface PinholeActions {
    /** Whether pinholes can be opened in the shown router's firewall (known without a router call). */
    boolean possible();

    /**
     * Opens a pinhole for each of {@code mappings}' internal ports, for this computer. Blocking.
     *
     * @param forwardPorts the external port of the IPv4 forward opened with each, or 0
     * @return a sentence per pinhole opened, for the status line
     */
    List<String> open(Gateway g, List<PortMapping> mappings, List<Integer> forwardPorts, Retention retention,
            Progress p) throws PortForwardException;

    /**
     * Closes the pinholes {@code keys}, and those opened together with the IPv4 forwards
     * {@code forwards} (just deleted: closing a forward closes its pinhole, as the command line's
     * delete does). Blocking.
     *
     * @return a sentence per pinhole closed with a forward, for the status line
     */
    List<String> close(Gateway g, List<PinholeKey> keys, List<MappingKey> forwards, Progress p)
            throws PortForwardException;

    /** Keeps a pinhole after PortForward closes, or only for now. */
    void setRetention(PinholeKey key, Retention retention);

    /** Nothing over IPv6: the window without pinholes (and the tests of forwards alone). */
    PinholeActions NONE = new PinholeActions() {
        @Override
        public boolean possible() {
            return false;
        }

        @Override
        public List<String> open(Gateway g, List<PortMapping> mappings, List<Integer> forwardPorts,
                Retention retention, Progress p) {
            return List.of();
        }

        @Override
        public List<String> close(Gateway g, List<PinholeKey> keys, List<MappingKey> forwards, Progress p) {
            return List.of();
        }

        @Override
        public void setRetention(PinholeKey key, Retention retention) {
        }
    };
}
