package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.portforward.engine.error.Fact;
import net.portforward.engine.error.Phrase;
import net.portforward.engine.pinhole.InterfaceAddress6.Flag;

/**
 * Which of this computer's IPv6 addresses a pinhole opens: a global, stable one on the interface
 * that leads to the router. Not a temporary (privacy) address, which the system replaces every day
 * or so (RFC 4941), leaving the pinhole to nobody; not a unique local (fc00::/7) or link-local one,
 * which the internet cannot reach; not a deprecated, tentative or duplicate one. A pure function
 * of the address table, so every rule is tested row by row.
 *
 * @param address the address chosen, when {@link #outcome()} is CHOSEN or GUESSED
 */
public record AddressChoice(Outcome outcome, Optional<Inet6Address> address, String interfaceName) {

    /** What the choice came to; its words take the address ({0}, when there is one) and the interface ({1}). */
    public enum Outcome implements Phrase {
        /** A global, stable address. */
        CHOSEN,
        /**
         * A global address, on a system that does not say which addresses are temporary (Java's
         * own list): the choice prefers an address made from the network card's MAC (EUI-64),
         * which is never temporary, and is otherwise a guess.
         */
        GUESSED,
        /** The interface has no IPv6 address at all. */
        NO_IPV6,
        /** Only link-local or unique local (fc00::/7) addresses: IPv6 inside the home only. */
        ONLY_LOCAL,
        /** Only temporary (privacy) addresses. */
        ONLY_TEMPORARY,
        /** Only deprecated, tentative or duplicate addresses. */
        ONLY_UNUSABLE;

        @Override
        public String key() {
            return "ipv6.address." + name();
        }
    }

    public boolean found() {
        return address.isPresent();
    }

    /** The address and interface, or why there is none, for the front ends to word. */
    public Fact fact() {
        return outcome.with(address.orElse(null), interfaceName);
    }

    /** Chooses on {@code interfaceName} from {@code table}. */
    public static AddressChoice choose(List<InterfaceAddress6> table, String interfaceName) {
        List<InterfaceAddress6> rows = table.stream().filter(r -> r.interfaceName().equals(interfaceName)).toList();
        List<InterfaceAddress6> global = rows.stream().filter(r -> isGlobal(r.address())).toList();
        List<InterfaceAddress6> stable = global.stream().filter(r -> !r.has(Flag.TEMPORARY)).toList();
        List<InterfaceAddress6> usable = stable.stream()
                .filter(r -> !r.has(Flag.DEPRECATED) && !r.has(Flag.TENTATIVE) && !r.has(Flag.DAD_FAILED)).toList();
        if (!usable.isEmpty()) {
            InterfaceAddress6 best = usable.stream().min(PREFERENCE).orElseThrow();
            return new AddressChoice(best.flagsKnown() ? Outcome.CHOSEN : Outcome.GUESSED, Optional.of(best.address()),
                    interfaceName);
        }
        Outcome why = rows.isEmpty() ? Outcome.NO_IPV6 : global.isEmpty() ? Outcome.ONLY_LOCAL
                : stable.isEmpty() ? Outcome.ONLY_TEMPORARY : Outcome.ONLY_UNUSABLE;
        return new AddressChoice(why, Optional.empty(), interfaceName);
    }

    /**
     * Among good addresses: one set by hand (PERMANENT) first, then one made from the MAC
     * (EUI-64, never temporary: what matters where flags are unknown), then the lowest, so the
     * choice is the same every time.
     */
    private static final Comparator<InterfaceAddress6> PREFERENCE = Comparator
            .comparing((InterfaceAddress6 r) -> !r.has(Flag.PERMANENT))
            .thenComparing(r -> !isEui64(r.address()))
            .thenComparing(r -> r.address().getAddress(), Arrays::compareUnsigned);

    /**
     * Global unicast (2000::/3), which the internet can reach: not link-local, unique local,
     * site-local, multicast or loopback (all outside it), and not Teredo (2001::/32), which
     * tunnels around the home router rather than through it. The documentation prefix
     * 2001:db8::/32 counts as global here: the network lab uses it (LAB.md).
     */
    static boolean isGlobal(Inet6Address a) {
        byte[] b = a.getAddress();
        boolean in2000 = (b[0] & 0xe0) == 0x20;
        boolean teredo = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0;
        return in2000 && !teredo;
    }

    /** A modified EUI-64 interface identifier: bytes 11 and 12 are ff fe (RFC 4291 appendix A). */
    static boolean isEui64(Inet6Address a) {
        byte[] b = a.getAddress();
        return (b[11] & 0xff) == 0xff && (b[12] & 0xff) == 0xfe;
    }
}
