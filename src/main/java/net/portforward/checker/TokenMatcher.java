package net.portforward.checker;

import java.nio.charset.StandardCharsets;
import net.portforward.reach.ReachToken;

/**
 * Finds the token in a page as it arrives, looking at each byte once (Knuth-Morris-Pratt): a
 * page dripped a byte at a time costs as much as one sent at once, where decoding and searching
 * the whole page again after every read cost up to 64 KB per byte.
 */
final class TokenMatcher {
    private final byte[] token;
    /** fallback[i]: the length of the longest proper prefix of token[0..i] that is also its suffix. */
    private final int[] fallback;
    private int matched;
    private boolean found;

    TokenMatcher(ReachToken token) {
        this.token = token.value().getBytes(StandardCharsets.US_ASCII);
        this.fallback = new int[this.token.length];
        for (int i = 1, k = 0; i < this.token.length; i++) {
            while (k > 0 && this.token[i] != this.token[k]) {
                k = fallback[k - 1];
            }
            if (this.token[i] == this.token[k]) {
                k++;
            }
            fallback[i] = k;
        }
    }

    /** Feeds the next {@code length} bytes of the page; true once the token has been seen. */
    boolean feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length && !found; i++) {
            while (matched > 0 && bytes[i] != token[matched]) {
                matched = fallback[matched - 1];
            }
            if (bytes[i] == token[matched]) {
                matched++;
            }
            if (matched == token.length) {
                found = true;
            }
        }
        return found;
    }
}
