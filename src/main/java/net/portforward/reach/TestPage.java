package net.portforward.reach;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The one page the built-in web server serves. */
final class TestPage {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private TestPage() {
    }

    /**
     * The page: the app's name, the time, and the current test's token (which a checker looks for).
     * Everything in it is ours (the token is letters, digits, - and _), so nothing needs escaping.
     */
    static String html(Instant now, ReachToken token, ZoneId zone) {
        String time = TIME.format(now.atZone(zone));
        String tokenLine = token == null ? "<p>No test is running.</p>"
                : "<p>Test token: <code id=\"token\">" + token.value() + "</code></p>";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="portforward-token" content="%s">
                <title>PortForward test page</title>
                <style>
                body { font-family: sans-serif; margin: 3em; color: #222; }
                h1 { color: #1565c0; }
                code { background: #eee; padding: 0.2em 0.4em; }
                </style>
                </head>
                <body>
                <h1>PortForward</h1>
                <p>This computer's PortForward web server is running. If you see this page from the
                internet, its port forward works.</p>
                <p>Time: <span id="time">%s</span></p>
                %s
                </body>
                </html>
                """.formatted(token == null ? "" : token.value(), time, tokenLine);
    }
}
