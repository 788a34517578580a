package net.portforward.testing;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Makes a {@link FakeRouter} fail an action: with a UPnP fault, an HTTP 500 without a body, or a
 * dropped connection. Rules are checked in the order they were added, after the call is logged
 * and delayed and before the action runs; the first that matches answers.
 *
 * <pre>{@code
 * router.addFault(FaultRule.fault("AddPortMapping", 606));              // always
 * router.addFault(FaultRule.fault("AddPortMapping", 501).times(2));     // the next two calls
 * router.addFault(FaultRule.onlyPermanentLeases());                     // 725 unless lease 0
 * router.addFault(FaultRule.dropConnection("GetListOfPortMappings")
 *         .when(call -> call.path().contains("PPP")));
 * }</pre>
 */
public final class FaultRule {

    /** What the router does instead of answering. */
    public enum Kind {
        /** HTTP 500 with a UPnPError envelope. */
        SOAP_FAULT,
        /** HTTP 500 and no body at all (FIELD.md: some routers end their mapping list so). */
        HTTP_500_EMPTY,
        /** The connection closes with no answer, as when miniupnpd crashes (LAB.md). */
        DROP_CONNECTION
    }

    private final String action;
    private final Predicate<SoapCall> condition;
    private final Kind kind;
    private final int code;
    private final String description;
    private final AtomicInteger remaining; // null: unlimited

    private FaultRule(String action, Predicate<SoapCall> condition, Kind kind, int code, String description, Integer times) {
        this.action = Objects.requireNonNull(action, "action");
        this.condition = condition;
        this.kind = kind;
        this.code = code;
        this.description = description;
        this.remaining = times == null ? null : new AtomicInteger(times);
    }

    /** Every call of {@code action} ("*" for any action) fails with UPnP error {@code code}. */
    public static FaultRule fault(String action, int code) {
        return new FaultRule(action, call -> true, Kind.SOAP_FAULT, code, SoapFaults.describe(code), null);
    }

    /** Every call of {@code action} gets HTTP 500 with an empty body. */
    public static FaultRule emptyHttp500(String action) {
        return new FaultRule(action, call -> true, Kind.HTTP_500_EMPTY, 0, "", null);
    }

    /** Every call of {@code action} has its connection closed without an answer. */
    public static FaultRule dropConnection(String action) {
        return new FaultRule(action, call -> true, Kind.DROP_CONNECTION, 0, "", null);
    }

    /**
     * AddPortMapping answers 725 OnlyPermanentLeasesSupported unless the lease is 0: IGD:1
     * routers that only keep permanent rules; Tailscale and libtorrent retry with lease 0.
     */
    public static FaultRule onlyPermanentLeases() {
        return fault("AddPortMapping", SoapFaults.ONLY_PERMANENT_LEASES_SUPPORTED)
                .when(call -> !"0".equals(trimmed(call.arg("NewLeaseDuration"))));
    }

    /**
     * AddPortMapping answers {@code code} when the lease is 0 or missing. FIELD.md: lease 0
     * breaks some routers (tailscale #18196; iroh moved to 2-hour leases after 402s on lease 0).
     */
    public static FaultRule rejectsPermanentLease(int code) {
        return fault("AddPortMapping", code).when(call -> {
            String lease = trimmed(call.arg("NewLeaseDuration"));
            return lease == null || lease.isEmpty() || "0".equals(lease);
        });
    }

    /** AddPortMapping answers 724 SamePortValuesRequired when internal and external ports differ. */
    public static FaultRule samePortValuesRequired() {
        return fault("AddPortMapping", SoapFaults.SAME_PORT_VALUES_REQUIRED)
                .when(call -> !Objects.equals(trimmed(call.arg("NewInternalPort")), trimmed(call.arg("NewExternalPort"))));
    }

    /** The same rule, only for calls that also pass {@code test}. */
    public FaultRule when(Predicate<SoapCall> test) {
        Predicate<SoapCall> both = condition.and(test);
        return new FaultRule(action, both, kind, code, description, remaining == null ? null : remaining.get());
    }

    /** The same rule, for the next {@code n} matching calls only. */
    public FaultRule times(int n) {
        return new FaultRule(action, condition, kind, code, description, n);
    }

    /** The same rule with another errorDescription (vendors send their own text). */
    public FaultRule describedAs(String text) {
        return new FaultRule(action, condition, kind, code, text, remaining == null ? null : remaining.get());
    }

    public Kind kind() {
        return kind;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** True when this rule answers the call; uses up one of its {@link #times} if it does. */
    boolean claims(SoapCall call) {
        if (!action.equals("*") && !action.equals(call.action())) {
            return false;
        }
        if (!condition.test(call)) {
            return false;
        }
        if (remaining == null) {
            return true;
        }
        return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** True when a limited rule has been used up and can be dropped. */
    boolean spent() {
        return remaining != null && remaining.get() <= 0;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    @Override
    public String toString() {
        return action + " -> " + (kind == Kind.SOAP_FAULT ? code + " " + description : kind)
                + (remaining == null ? "" : " (" + remaining.get() + " left)");
    }
}
