/**
 * Test doubles for the fast suite, above all {@link net.portforward.testing.FakeRouter}, an
 * in-process UPnP Internet Gateway Device.
 *
 * <p>The safety rule holds for everything here: servers bind 127.0.0.1 on ephemeral ports only,
 * and every URL a fake hands out (locations, canaries, rewritten capture URLs) is on loopback.
 * Nothing in this package sends a packet anywhere else.
 */
package net.portforward.testing;
