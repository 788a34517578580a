package net.portforward.engine.error;

/**
 * Why an engine call failed, as values (ports, addresses, durations, codes) rather than words:
 * the command line and the window put a reason into the user's language (net.portforward.text).
 * Exceptions whose type and fields already say everything need none.
 */
public interface Reason {
}
