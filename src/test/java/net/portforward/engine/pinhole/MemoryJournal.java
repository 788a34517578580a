package net.portforward.engine.pinhole;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Retention;

/** A journal in memory, with every call it got, for tests of {@link Pinholes}. */
final class MemoryJournal implements PinholeJournal {
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Recorded> records = new ArrayList<>();

    @Override
    public synchronized void opening(String routerId, PinholeRequest r, Retention retention, int forwardPort) {
        calls.add("opening " + r.key());
        if (find(r.key()).isEmpty()) {
            records.add(new Recorded(r.key(), r.address(), Optional.empty(), r.lease(), retention, forwardPort));
        }
    }

    @Override
    public synchronized void opened(String routerId, Pinhole p, Retention retention, int forwardPort) {
        calls.add("opened " + p.key() + " id " + p.id().text());
        records.removeIf(r -> r.key().equals(p.key()));
        records.add(new Recorded(p.key(), p.address(), Optional.of(p.id()), p.lease(), retention, forwardPort));
    }

    @Override
    public synchronized void openFailed(String routerId, PinholeRequest r, PortForwardException cause) {
        calls.add("openFailed " + r.key());
        records.removeIf(x -> x.key().equals(r.key()) && x.id().isEmpty());
    }

    @Override
    public synchronized void closed(String routerId, PinholeKey key) {
        calls.add("closed " + key);
        records.removeIf(r -> r.key().equals(key));
    }

    @Override
    public synchronized List<Recorded> recorded(String routerId) {
        return List.copyOf(records);
    }

    synchronized Optional<Recorded> find(PinholeKey key) {
        return records.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
