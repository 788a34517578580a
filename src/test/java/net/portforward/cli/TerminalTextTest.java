package net.portforward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void chineseJapaneseAndKoreanTakeTwoColumnsAccentsNone() {
        assertEquals(4, TerminalText.width("Port"));
        assertEquals(6, TerminalText.width("ポート"));
        assertEquals(4, TerminalText.width("端口"));
        assertEquals(4, TerminalText.width("포트"));
        assertEquals(4, TerminalText.width("e\u0301tat")); // é as e and a combining accent: état
        assertEquals(6, TerminalText.width("Größe "));
        assertEquals(4, TerminalText.width("ＰＣ")); // fullwidth Latin
    }

    @Test
    void paddingCountsColumns() {
        assertEquals("転送先    |", TerminalText.left("転送先", 10) + "|");
        assertEquals("    転送先|", TerminalText.right("転送先", 10) + "|");
        assertEquals("toolong|", TerminalText.left("toolong", 3) + "|");
    }

    @Test
    void linesMayBreakBetweenWideCharactersAndAtSpaces() {
        assertEquals(List.of(new TerminalText.Piece("UPnP", true), new TerminalText.Piece("を", false),
                new TerminalText.Piece("使", false), new TerminalText.Piece("う", false),
                new TerminalText.Piece("(list)", true)), TerminalText.pieces("UPnPを使う (list)"));
        assertEquals(List.of(new TerminalText.Piece("a", true), new TerminalText.Piece("b", true)),
                TerminalText.pieces("a b"));
    }
}
