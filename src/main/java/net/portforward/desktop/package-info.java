/**
 * PortForward's place on the user's desktop, in plain Java (no JavaFX): the entry that starts it
 * at login, the command line that starts it, and the desktop's dark setting. Each asks the system
 * through a {@link net.portforward.desktop.SystemCommand} or files under a given home, so tests
 * use a temporary home and fake answers.
 */
package net.portforward.desktop;
