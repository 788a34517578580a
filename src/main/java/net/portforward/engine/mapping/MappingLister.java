package net.portforward.engine.mapping;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.portforward.engine.error.AnswerTooLargeException;
import net.portforward.engine.error.CancelledException;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.UpnpErrorCode;
import net.portforward.engine.error.UpnpException;
import net.portforward.engine.model.ListedMapping;
import net.portforward.engine.model.MappingKey;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.model.Protocol;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.progress.Step;
import net.portforward.engine.upnp.RouterEntries;
import net.portforward.engine.upnp.WanConnection;

/**
 * Reads a router's whole mapping table, delivering entries as they arrive.
 *
 * <p>On IGD:2, GetListOfPortMappings reads 100 mappings in one second where the entry-by-entry
 * walk takes 23 s (LAB.md), but it crashes miniupnpd 2.3.1 once the table holds about 140
 * mappings, whatever NumberOfPorts asks for. A client must never take a router down, so the bulk
 * call is used only after GetGenericPortMappingEntry at index {@link #BULK_SAFE_ENTRIES} answered
 * "no such index", proving the table is small; otherwise, and whenever the bulk call fails, the
 * walk is used.
 */
public final class MappingLister {
    /** miniupnpd 2.3.1 answered every bulk call with 129 mappings and crashed with 140 (LAB.md). */
    static final int BULK_SAFE_ENTRIES = 128;
    /**
     * Entries asked for per GetListOfPortMappings call: as many as the table can hold once the
     * probe proved it small, so one call per protocol suffices; a router that answers fewer than
     * it holds gets its range split.
     */
    static final int BULK_CHUNK = BULK_SAFE_ENTRIES;
    /** A walk that has not ended by here is a router that never ends its list. */
    public static final int MAX_ENTRIES = 2048;
    /** The same entry this many times in a row is a router that repeats itself. */
    static final int MAX_REPEATS = 3;
    /**
     * Router calls per listing: the walk's entries and then some. A hostile IGD:2 router that
     * answered every bulk range with new entries made the lister split ranges down to single
     * ports, 600,000 rows in a minute without end (seen in the lab).
     */
    static final int MAX_CALLS = 2 * MAX_ENTRIES + 64;
    /** Wall time per listing: 2048 entries one call at a time take about 8 minutes on miniupnpd (LAB.md: 23 s per 100). */
    static final Duration MAX_TIME = Duration.ofMinutes(10);

    private MappingLister() {
    }

    public static Listing list(WanConnection wan, Consumer<ListedMapping> sink, Progress progress)
            throws PortForwardException {
        progress.report(-1, Step.READING_TABLE.with());
        if (wan.service().version() >= 2 && tableIsSmall(wan, progress)) {
            List<ListedMapping> got = new ArrayList<>();
            List<Fact> warnings = new ArrayList<>();
            Budget budget = new Budget();
            try {
                bulk(wan, got, warnings, sink, progress, budget);
                return new Listing(got, warnings);
            } catch (CancelledException e) {
                throw e;
            } catch (UpnpException | RouterProtocolException e) {
                if (!got.isEmpty()) {
                    // Rows were already shown: the walk below re-reads them all, and the caller
                    // is told to replace what it showed.
                    warnings.add(MappingFact.BULK_FAILED.with(e));
                }
                Listing walked = walk(wan, sink, progress);
                List<Fact> all = new ArrayList<>(warnings);
                all.addAll(walked.warnings());
                return new Listing(walked.mappings(), all);
            }
        }
        return walk(wan, sink, progress);
    }

    private static boolean tableIsSmall(WanConnection wan, Progress progress) throws PortForwardException {
        try {
            wan.getGenericPortMappingEntry(BULK_SAFE_ENTRIES, progress);
            return false; // an entry exists that far down: too many for the bulk call
        } catch (UpnpException e) {
            return isEndOfList(e);
        } catch (RouterProtocolException e) {
            return false;
        }
    }

    /**
     * Reads each protocol's table in ranges of external ports. miniupnpd answers in rule order,
     * not port order, so a full chunk says nothing about which ports are left: a range whose
     * answer is full is split in two and each half asked again, until every answer is short.
     * Entries outside the asked range or protocol are dropped, and the whole listing stays within
     * {@link #MAX_ENTRIES}, {@link #MAX_CALLS} and {@link #MAX_TIME}.
     */
    private static void bulk(WanConnection wan, List<ListedMapping> got, List<Fact> warnings,
            Consumer<ListedMapping> sink, Progress progress, Budget budget) throws PortForwardException {
        Set<String> seen = new HashSet<>();
        int outside = 0;
        try {
            for (Protocol protocol : Protocol.values()) {
                Deque<int[]> ranges = new ArrayDeque<>();
                ranges.push(new int[] {1, 65535});
                while (!ranges.isEmpty()) {
                    progress.checkCancelled();
                    int[] r = ranges.pop();
                    budget.call();
                    List<ListedMapping> inRange = new ArrayList<>();
                    for (Map<String, String> fields : wan.getListOfPortMappings(protocol, r[0], r[1], BULK_CHUNK, progress)) {
                        var entry = RouterEntries.parse(fields, warnings);
                        if (entry.isEmpty()) {
                            continue;
                        }
                        PortMapping m = entry.get().mapping();
                        // An impossible port (70000, "abc") is shown flagged, as the walk shows it; a
                        // real port outside the asked range is an answer to another question.
                        boolean possible = m.externalPort() >= 1 && m.externalPort() <= 65535;
                        if (m.protocol() != protocol || possible && (m.externalPort() < r[0] || m.externalPort() > r[1])) {
                            outside++;
                            continue;
                        }
                        inRange.add(entry.get());
                    }
                    if (inRange.size() >= BULK_CHUNK && r[0] < r[1]) {
                        int mid = r[0] + (r[1] - r[0]) / 2;
                        ranges.push(new int[] {mid + 1, r[1]});
                        ranges.push(new int[] {r[0], mid});
                        continue;
                    }
                    for (ListedMapping entry : inRange) {
                        if (seen.add(identity(entry))) {
                            budget.entry();
                            got.add(entry);
                            sink.accept(entry);
                        }
                    }
                    progress.report(-1, Step.READ_MAPPINGS.with(got.size()));
                }
            }
        } catch (Budget.Spent spent) {
            warnings.add(spent.fact);
        }
        if (outside > 0) {
            warnings.add(MappingFact.OUTSIDE_ENTRIES.with(outside));
        }
    }

    /** What one listing may cost, whatever the router sends. */
    static final class Budget {
        private final long deadline = System.nanoTime() + MAX_TIME.toNanos();
        private int calls;
        private int entries;

        /** A bound was reached: its fact is the warning the user reads. */
        static final class Spent extends Exception {
            final transient Fact fact;

            Spent(Fact fact) {
                super(fact.english(), null, false, false);
                this.fact = fact;
            }
        }

        void call() throws Spent {
            if (++calls > MAX_CALLS) {
                throw new Spent(MappingFact.ENDLESS_ANSWERS.with(MAX_CALLS));
            }
            if (System.nanoTime() > deadline) {
                throw new Spent(MappingFact.LIST_TOO_SLOW.with(MAX_TIME));
            }
        }

        void entry() throws Spent {
            if (++entries > MAX_ENTRIES) {
                throw new Spent(didNotEnd());
            }
        }

        static Fact didNotEnd() {
            return MappingFact.LIST_DID_NOT_END.with(MAX_ENTRIES);
        }
    }

    /** An entry's identity across overlapping answers; junk ports (-1) still count once each. */
    private static String identity(ListedMapping m) {
        PortMapping p = m.mapping();
        return p.protocol() + "|" + p.externalPort() + "|" + p.internalClient() + "|" + p.internalPort() + "|"
                + p.description();
    }

    static Listing walk(WanConnection wan, Consumer<ListedMapping> sink, Progress progress) throws PortForwardException {
        List<ListedMapping> got = new ArrayList<>();
        List<Fact> warnings = new ArrayList<>();
        Set<MappingKey> seen = new HashSet<>();
        MappingKey previous = null;
        int repeats = 0;
        int index = 0;
        Budget budget = new Budget();
        for (; index < MAX_ENTRIES; index++) {
            progress.checkCancelled();
            try {
                budget.call();
            } catch (Budget.Spent spent) {
                warnings.add(spent.fact);
                return new Listing(got, warnings);
            }
            Map<String, String> fields;
            try {
                fields = wan.getGenericPortMappingEntry(index, progress);
            } catch (AnswerTooLargeException e) {
                throw e; // not a router ending its list, a router flooding us
            } catch (RouterProtocolException e) {
                // Vendor junk (an empty HTTP 500, broken XML: ActionTec, Thomson) where the list
                // ends is treated as its end, as mature clients do (FIELD.md, error 899).
                warnings.add(MappingFact.UNREADABLE_END.with(e));
                return new Listing(got, warnings);
            } catch (UpnpException e) {
                if (!isEndOfList(e)) {
                    throw e;
                }
                if (index == 0 && startsAtOne(wan, progress)) {
                    warnings.add(MappingFact.NUMBERS_FROM_ONE.with());
                    continue;
                }
                return new Listing(got, warnings);
            }
            var entry = RouterEntries.parse(fields, warnings);
            if (entry.isEmpty()) {
                continue;
            }
            MappingKey key = entry.get().mapping().key();
            if (key.equals(previous) && ++repeats >= MAX_REPEATS) {
                warnings.add(MappingFact.REPEATED_ENTRY.with(key));
                return new Listing(got, warnings);
            }
            if (!key.equals(previous)) {
                repeats = 0;
            }
            previous = key;
            if (!seen.add(key)) {
                continue; // listed twice: shown once
            }
            got.add(entry.get());
            sink.accept(entry.get());
            if (index % 10 == 9) {
                progress.report(-1, Step.READ_MAPPINGS.with(got.size()));
            }
        }
        warnings.add(Budget.didNotEnd());
        return new Listing(got, warnings);
    }

    /** An index past the end: 713 by the spec; 714 (D-Link), 402 (DD-WRT, TP-Link), 899 (ActionTec, Thomson). */
    static boolean isEndOfList(UpnpException e) {
        return e.is(UpnpErrorCode.ARRAY_INDEX_INVALID) || e.is(UpnpErrorCode.NO_SUCH_ENTRY)
                || e.is(UpnpErrorCode.INVALID_ARGS) || e.is(UpnpErrorCode.VENDOR_ERROR);
    }

    private static boolean startsAtOne(WanConnection wan, Progress progress) throws PortForwardException {
        try {
            wan.getGenericPortMappingEntry(1, progress);
            return true;
        } catch (UpnpException e) {
            return false;
        }
    }
}
