package net.portforward.engine.watch;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * An event subscription the router granted.
 *
 * @param eventUrl the service's eventSubURL
 * @param sid the subscription id the router gave ("uuid:…"); its NOTIFYs carry it
 * @param timeout how long the router keeps it without a renewal
 * @param expires when it runs out unless renewed
 */
public record Subscription(URI eventUrl, String sid, Duration timeout, Instant expires) {
}
