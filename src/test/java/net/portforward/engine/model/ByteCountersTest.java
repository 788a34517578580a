package net.portforward.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteCountersTest {
    @Test
    void aCounterThatGrewCountsTheDifference() {
        assertEquals(1_500, ByteCounters.since(1_000, 2_500));
    }

    @Test
    void a32BitCounterThatWrappedCountsAcrossTheWrap() {
        assertEquals(300, ByteCounters.since(ByteCounters.WRAP_32 - 100, 200));
    }

    @Test
    void a64BitCounterThatStartedAgainCountsOnlyWhatCameSince() {
        // Above 2^32 before: not a 32-bit wrap, the router restarted.
        assertEquals(200, ByteCounters.since(5_000_000_000L, 200));
    }
}
