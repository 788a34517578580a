package net.portforward.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.portforward.reach.ReachToken;
import org.junit.jupiter.api.Test;

class TokenMatcherTest {
    private static boolean feedInPieces(ReachToken token, String page, int cut) {
        byte[] b = page.getBytes(StandardCharsets.ISO_8859_1);
        TokenMatcher m = new TokenMatcher(token);
        boolean seen = m.feed(b, 0, cut);
        return m.feed(b, cut, b.length - cut) || seen;
    }

    @Test
    void findsTheTokenWhereverTheReadsCutThePage() {
        ReachToken token = ReachToken.random();
        String page = "HTTP/1.1 200 OK\r\n\r\n<p>token: " + token + "</p>";
        for (int cut = 0; cut <= page.length(); cut++) {
            assertTrue(feedInPieces(token, page, cut), "cut at " + cut);
        }
    }

    @Test
    void aPartialMatchThatFailsFallsBackToTheRightPlace() {
        // "aaab...": after "aa" fails on the third 'a', the match must go on from "aa", not start over.
        ReachToken token = new ReachToken("aab" + "x".repeat(15));
        assertTrue(feedInPieces(token, "aaab" + "x".repeat(15), 2));
        ReachToken periodic = new ReachToken("abab" + "abac" + "z".repeat(10));
        assertTrue(feedInPieces(periodic, "ababab" + "abac" + "z".repeat(10), 5));
    }

    @Test
    void aByteAtATimeFindsItAndOtherPagesDoNot() {
        ReachToken token = ReachToken.random();
        TokenMatcher m = new TokenMatcher(token);
        byte[] page = ("x".repeat(60_000) + token).getBytes(StandardCharsets.US_ASCII);
        int foundAt = -1;
        for (int i = 0; i < page.length && foundAt < 0; i++) {
            if (m.feed(page, i, 1)) {
                foundAt = i;
            }
        }
        assertEquals(page.length - 1, foundAt);
        String almost = token.value().substring(0, token.value().length() - 1);
        assertFalse(feedInPieces(token, almost + " " + almost, 7));
    }
}
