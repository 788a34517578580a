package net.portforward.ui.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.model.ConnectionStatus;
import net.portforward.engine.watch.RouterChange;
import org.junit.jupiter.api.Test;

/** The popup's text: long sentences broken into lines, at most four changes and a count of the rest. */
class ChangeNotifierTextTest {
    @Test
    void longSentencesAreBrokenAtSpacesAndNothingIsLost() {
        String sentence = "Router restarted: 3 mappings are gone (it forgot this program's event subscription)";
        String wrapped = ChangeNotifier.wrap(sentence);
        for (String line : wrapped.split("\n")) {
            assertTrue(line.length() <= ChangeNotifier.WRAP_AT, line);
        }
        assertEquals(sentence, wrapped.replace('\n', ' '));
        assertEquals("short", ChangeNotifier.wrap("short"));
    }

    @Test
    void japaneseHasNoSpacesAndIsBrokenBetweenItsCharacters() {
        String sentence = "ルーターが再起動しました。このプログラムのイベント登録を忘れたため、3 件のポート転送が消えました。"
                + "保持しているポート転送は自動的に復元されます。";
        net.portforward.ui.common.UiText.setLanguage(java.util.Locale.JAPANESE);
        try {
            String wrapped = ChangeNotifier.wrap(sentence);
            String[] lines = wrapped.split("\n");
            assertTrue(lines.length >= 3, wrapped);
            for (String line : lines) {
                // Each character of these is as wide as two Latin ones.
                assertTrue(line.length() <= ChangeNotifier.WRAP_AT / 2 + 2, line);
            }
            assertEquals(sentence, wrapped.replace("\n", ""));
        } finally {
            net.portforward.ui.common.UiText.setLanguage(null); // the tests' language: the computer's
        }
    }

    @Test
    void manyChangesShowFourAndCountTheRest() {
        List<RouterChange> changes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            changes.add(new RouterChange.ExternalAddressChanged(Instant.EPOCH, "25.77.0." + i, "25.77.0." + (i + 1)));
        }
        changes.add(new RouterChange.ConnectionStatusChanged(Instant.EPOCH, ConnectionStatus.CONNECTED,
                ConnectionStatus.DISCONNECTED));
        String text = ChangeNotifier.text(changes);
        assertEquals(5, text.split("\n").length, text);
        assertTrue(text.endsWith("\u2026 and 3 more."), text);
    }
}
