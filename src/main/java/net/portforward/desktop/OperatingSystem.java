package net.portforward.desktop;

import java.util.Locale;

/** The three desktops PortForward knows how to fit into; anything else is treated like Linux (XDG). */
public enum OperatingSystem {
    LINUX, WINDOWS, MACOS;

    /** The one this JVM runs on. */
    public static OperatingSystem current() {
        return of(System.getProperty("os.name", ""));
    }

    /** From {@code os.name}: "Windows 11", "Mac OS X", "Linux", "FreeBSD". */
    static OperatingSystem of(String osName) {
        String n = osName.toLowerCase(Locale.ROOT);
        return n.startsWith("windows") ? WINDOWS : n.startsWith("mac") || n.contains("darwin") ? MACOS : LINUX;
    }
}
