package net.portforward.ui.watch;

import java.text.BreakIterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.stage.Window;
import javafx.util.Duration;
import net.portforward.engine.model.PortMapping;
import net.portforward.engine.watch.RouterChange;
import net.portforward.text.Words;
import net.portforward.ui.common.UiText;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;

/**
 * Turns a batch of router changes into a ControlsFX notification popup owned by the main window:
 * "Refresh now" and "Later", or "Put them back" after a restart. Changes the table already shows
 * (the user's own, made in this window) get no popup, and with "update the list by itself" on the
 * list is read again at once. FX thread only.
 */
public final class ChangeNotifier {
    /** Lines in one popup; the rest are counted ("… and 3 more"). */
    static final int MAX_LINES = 4;
    /** More popups than this at once collapse into one summary (ControlsFX threshold). */
    static final int MAX_POPUPS = 3;
    /**
     * ControlsFX draws its popups with Modena's colours, which the AtlantaFX theme does not define
     * (the popup came out without a background); portforward.css gives this class the theme's.
     */
    static final String STYLE = "pf-notice";
    /** Characters per popup line: keeps a popup narrower than the window it belongs to. */
    static final int WRAP_AT = 60;

    private final Window owner;
    private final WatchViewModel watch;
    private final Runnable refresh;
    private final Consumer<List<PortMapping>> putBack;
    private final Predicate<RouterChange> alreadyShown;
    private Predicate<PortMapping> putBackByItself = m -> false;
    private Elsewhere elsewhere = (title, text, warning) -> false;
    private int shown;
    private int handled;

    public ChangeNotifier(Window owner, WatchViewModel watch, Runnable refresh, Consumer<List<PortMapping>> putBack,
                          Predicate<RouterChange> alreadyShown) {
        this.owner = owner;
        this.watch = watch;
        this.refresh = refresh;
        this.putBack = putBack;
        this.alreadyShown = alreadyShown;
        watch.setOnChanges(this::changed);
    }

    /**
     * Which lost mappings come back without a click after a restart (the ones the user keeps,
     * when portforward.ini's restore-kept is on): the popup says so and offers only the rest.
     */
    public void setPutBackByItself(Predicate<PortMapping> which) {
        this.putBackByItself = which;
    }

    /** Where news goes instead of a popup, such as the system tray while the window is hidden. */
    @FunctionalInterface
    public interface Elsewhere {
        /** True when it took the news; false to show the popup as usual. */
        boolean tell(String title, String text, boolean warning);
    }

    /** News goes to {@code elsewhere} first (the tray while the window is hidden); popups otherwise. */
    public void setElsewhere(Elsewhere elsewhere) {
        this.elsewhere = elsewhere;
    }

    /** Popups shown so far, for tests and the log. */
    public int shown() {
        return shown;
    }

    /** Batches of changes handled so far, with a popup or without (the user's own). */
    public int handled() {
        return handled;
    }

    private void changed(List<RouterChange> changes) {
        handled++;
        List<RouterChange.RouterRestarted> restarts = changes.stream()
                .filter(RouterChange.RouterRestarted.class::isInstance)
                .map(RouterChange.RouterRestarted.class::cast).toList();
        if (restarts.isEmpty() && changes.stream().allMatch(alreadyShown)) {
            return; // the user's own change, already in the table
        }
        String title = WatchText.get(restarts.isEmpty() ? "popup.title" : "popup.restarted");
        Notifications n = Notifications.create()
                .owner(owner)
                .styleClass(STYLE)
                .position(Pos.BOTTOM_RIGHT)
                .title(title)
                .text(text(changes) + restoredNote(restarts))
                .hideAfter(Duration.seconds(restarts.isEmpty() ? 10 : 60))
                .threshold(MAX_POPUPS, Notifications.create().owner(owner).styleClass(STYLE).position(Pos.BOTTOM_RIGHT)
                        .title(WatchText.format("popup.many", MAX_POPUPS + 1)).text(WatchText.get("log.title")));
        List<PortMapping> lost = restarts.stream().flatMap(r -> r.lost().stream())
                .filter(putBackByItself.negate()).toList();
        if (!restarts.isEmpty() || watch.autoRefreshProperty().get()) {
            // After a restart the table would show mappings that are gone: read it at once, and
            // offer the lost ones back from the popup, which still names them.
            refresh.run();
        }
        // A tray message has no buttons: what the popup would offer waits in the window.
        if (elsewhere.tell(title, plain(changes) + restoredNote(restarts)
                + (lost.isEmpty() ? "" : "\n" + WatchText.get("popup.openToPutBack")), !lost.isEmpty())) {
            return;
        }
        if (!lost.isEmpty()) {
            n.action(new Action(WatchText.format("popup.putBack", lost.size()), e -> {
                hide(e);
                putBack.accept(lost);
            }), later());
        } else if (restarts.isEmpty() && !watch.autoRefreshProperty().get()) {
            n.action(new Action(WatchText.get("popup.refresh"), e -> {
                hide(e);
                refresh.run();
            }), later());
        }
        n.show();
        shown++;
    }

    /**
     * News that needs no answer and is no change of the router's (the kept port forwards put back
     * at start): a popup that does not block the window, its lines also in the change log.
     */
    public void tell(String title, String summary, List<String> lines, boolean warning) {
        watch.note(lines);
        if (elsewhere.tell(title, body(summary, lines, s -> s), warning)) {
            return;
        }
        String text = body(summary, lines, ChangeNotifier::wrap);
        Notifications n = Notifications.create().owner(owner).styleClass(STYLE).position(Pos.BOTTOM_RIGHT).title(title)
                .text(text)
                .hideAfter(Duration.seconds(warning ? 60 : 20));
        if (warning) {
            n.showWarning();
        } else {
            n.show();
        }
        shown++;
    }

    /** The summary, at most {@link #MAX_LINES} lines and a count of the rest, and where the list is. */
    private static String body(String summary, List<String> lines, UnaryOperator<String> each) {
        return each.apply(summary) + (lines.isEmpty() ? "" : "\n" + lines.stream().limit(MAX_LINES)
                .map(each).collect(Collectors.joining("\n")))
                + (lines.size() > MAX_LINES ? "\n" + WatchText.format("popup.more", lines.size() - MAX_LINES) : "")
                + "\n" + WatchText.get("popup.inLog");
    }

    private String restoredNote(List<RouterChange.RouterRestarted> restarts) {
        long back = restarts.stream().flatMap(r -> r.lost().stream()).filter(putBackByItself).count();
        return back == 0 ? "" : "\n" + WatchText.format("popup.keptBack", back);
    }

    private static Action later() {
        return new Action(WatchText.get("popup.later"), ChangeNotifier::hide);
    }

    static String text(List<RouterChange> changes) {
        return lines(changes, ChangeNotifier::wrap);
    }

    /** As {@link #text}, its sentences unbroken: a tray notification breaks its own lines. */
    static String plain(List<RouterChange> changes) {
        return lines(changes, s -> s);
    }

    private static String lines(List<RouterChange> changes, UnaryOperator<String> each) {
        Words words = UiText.words();
        String lines = changes.stream().limit(MAX_LINES).map(c -> each.apply(words.say(c.fact())))
                .collect(Collectors.joining("\n"));
        return changes.size() > MAX_LINES
                ? lines + "\n" + WatchText.format("popup.more", changes.size() - MAX_LINES) : lines;
    }

    /**
     * A popup is as wide as its longest line: long sentences are broken where the window's
     * language breaks lines (at spaces; anywhere between the characters of Japanese or Chinese,
     * which have no spaces), a wide (CJK) character counting as two of {@link #WRAP_AT}.
     */
    static String wrap(String sentence) {
        BreakIterator breaks = BreakIterator.getLineInstance(UiText.language());
        breaks.setText(sentence);
        StringBuilder out = new StringBuilder();
        int width = 0;
        for (int start = breaks.first(), end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            String piece = sentence.substring(start, end);
            if (width > 0 && width + columns(piece.stripTrailing()) > WRAP_AT) {
                // The space the line ended with becomes the line break.
                if (out.charAt(out.length() - 1) == ' ') {
                    out.setLength(out.length() - 1);
                }
                out.append('\n');
                width = 0;
            }
            out.append(piece);
            width = piece.endsWith("\n") ? 0 : width + columns(piece);
        }
        return out.toString();
    }

    /** Columns a text takes: two for each wide (CJK) character, one for any other. */
    private static int columns(String text) {
        return text.codePoints().map(c -> c >= 0x2E80 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7A3
                || c >= 0xF900 && c <= 0xFAFF || c >= 0xFF01 && c <= 0xFF60 ? 2 : 1).sum();
    }

    /** Closes the popup an action button sits in. */
    private static void hide(ActionEvent e) {
        Object source = e.getSource();
        Node node = source instanceof Node n ? n : null;
        while (node != null && !(node instanceof impl.org.controlsfx.skin.NotificationBar)) {
            node = node.getParent();
        }
        if (node instanceof impl.org.controlsfx.skin.NotificationBar bar) {
            bar.hide();
        }
    }
}
