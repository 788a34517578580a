package net.portforward.engine.model;

/**
 * Everything the engine reads about a gateway for the "More information" view and {@code info}.
 *
 * @param link WANCommonInterfaceConfig link properties and counters, or {@code null} where the
 *     router does not offer that service
 */
public record RouterInfo(Gateway gateway, String connectionType, String possibleConnectionTypes, LinkInfo link) {
}
