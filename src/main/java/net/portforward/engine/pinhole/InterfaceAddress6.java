package net.portforward.engine.pinhole;

import java.net.Inet6Address;
import java.util.EnumSet;
import java.util.Set;

/**
 * One IPv6 address of one network interface, with what the system says of it: the row the
 * address choice ({@link AddressChoice}) reads.
 *
 * @param flags the kernel's address flags where the system tells them
 * @param flagsKnown false where the system does not tell them (Java's own interface list, on
 *     every system but Linux): then a temporary or deprecated address cannot be told apart
 */
public record InterfaceAddress6(String interfaceName, Inet6Address address, int prefixLength, Set<Flag> flags,
        boolean flagsKnown) {

    /** Linux's IFA_F_* flags (linux/if_addr.h), as /proc/net/if_inet6 prints them in hex. */
    public enum Flag {
        /** A temporary privacy address (RFC 4941): it changes daily, so a pinhole for it soon leads nowhere. */
        TEMPORARY(0x01),
        NODAD(0x02),
        OPTIMISTIC(0x04),
        /** Duplicate address detection failed: the address is not usable. */
        DAD_FAILED(0x08),
        HOME_ADDRESS(0x10),
        /** Its preferred lifetime is over: the system stops using it for new connections. */
        DEPRECATED(0x20),
        /** Duplicate address detection still runs: not usable yet. */
        TENTATIVE(0x40),
        /** Configured by hand or by the system, not from a router advertisement with lifetimes. */
        PERMANENT(0x80),
        /** The stable address from which the system makes temporary ones (privacy extensions on). */
        MANAGE_TEMPORARY(0x100),
        NO_PREFIX_ROUTE(0x200),
        MULTICAST_AUTOJOIN(0x400),
        /** A stable, opaque interface identifier (RFC 7217). */
        STABLE_PRIVACY(0x800);

        private final int bit;

        Flag(int bit) {
            this.bit = bit;
        }

        public int bit() {
            return bit;
        }

        /** The flags set in a kernel flags word; bits not named here are ignored. */
        public static Set<Flag> of(int word) {
            Set<Flag> out = EnumSet.noneOf(Flag.class);
            for (Flag f : values()) {
                if ((word & f.bit) != 0) {
                    out.add(f);
                }
            }
            return out;
        }
    }

    public InterfaceAddress6 {
        flags = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }
}
