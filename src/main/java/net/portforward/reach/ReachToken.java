package net.portforward.reach;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secret of one reachability test: the test page and the UDP responder show it, and a checker
 * that reads it back has proven it reached this computer and not another device on the same port.
 */
public record ReachToken(String value) {
    /** URL-safe, so it travels in a query string unescaped; long enough that no other server shows it by chance. */
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ReachToken {
        Objects.requireNonNull(value, "value");
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("a token is 16-64 letters, digits, - or _");
        }
    }

    /** 144 random bits. */
    public static ReachToken random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return new ReachToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
