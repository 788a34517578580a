package net.portforward.ui.about;

/** A library shipped inside PortForward, as the About dialog lists it. */
public record Library(String key, String name, String version, String licence) {
}
