package net.portforward.ui;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Stage;
import net.portforward.files.AtomicFile;
import net.portforward.files.OwnFiles;

/**
 * Remembers the main window's size, position, maximized state and table column widths (by column
 * id) in a small properties file, so PortForward opens the way the user left it.
 *
 * <p>Saved values are only hints: the monitor the window was on may be gone, or the file may have
 * been edited, so anything that would put the window where nobody can see or grab it is ignored.
 * Saving never throws: a failed save must not keep the window from closing. The file is read
 * ({@link #read()}) and written ({@link #save}) off the FX thread, which only applies and captures
 * a {@link Layout}: no file I/O on the thread that draws the window.
 */
public final class WindowMemory {

    private static final System.Logger LOG = System.getLogger(WindowMemory.class.getName());

    // Below this the window is unusable; such values come from a broken file, not from a user.
    static final double MIN_WIDTH = 200;
    static final double MIN_HEIGHT = 150;
    // How much of the window's top edge (where the title bar is) must lie on a screen to grab it.
    private static final double GRAB_WIDTH = 64;
    private static final double GRAB_HEIGHT = 24;
    private static final double MIN_COLUMN = 10;
    private static final double MAX_COLUMN = 10_000;
    private static final String COLUMN = "column.";

    private final Path file;

    /** What the file holds: keys and values as saved, unknown ones included (they are kept on save). */
    public record Layout(Map<String, String> values) {
        public Layout {
            values = Map.copyOf(values);
        }

        /** Nothing saved yet. */
        public static Layout none() {
            return new Layout(Map.of());
        }

        private Properties properties() {
            Properties p = new Properties();
            p.putAll(values);
            return p;
        }

        private static Layout of(Properties p) {
            Map<String, String> values = new HashMap<>();
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
            return new Layout(values);
        }
    }

    /** @param file where to keep the values, for example {@code <dataDir>/window.properties} */
    public WindowMemory(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Reads the file (not on the FX thread); a missing or broken file is {@link Layout#none()}. */
    public Layout read() {
        return Layout.of(load());
    }

    /**
     * Applies {@code layout} to {@code stage} (before it is shown) and to the columns of
     * {@code table} (may be null). On the FX thread; reads no file.
     */
    public void restore(Stage stage, TableView<?> table, Layout layout) {
        Properties saved = layout.properties();
        OptionalDouble w = number(saved, "width");
        OptionalDouble h = number(saved, "height");
        if (w.isPresent() && h.isPresent() && w.getAsDouble() >= MIN_WIDTH && h.getAsDouble() >= MIN_HEIGHT) {
            // Saved on a bigger monitor than any there is now: fit the biggest one.
            Rectangle2D biggest = biggestScreen();
            double width = Math.min(w.getAsDouble(), biggest.getWidth());
            double height = Math.min(h.getAsDouble(), biggest.getHeight());
            stage.setWidth(width);
            stage.setHeight(height);
            OptionalDouble x = number(saved, "x");
            OptionalDouble y = number(saved, "y");
            if (x.isPresent() && y.isPresent() && grabbable(x.getAsDouble(), y.getAsDouble(), width)) {
                stage.setX(x.getAsDouble());
                stage.setY(y.getAsDouble());
            }
        }
        // Maximized last, so un-maximizing returns to the size restored above.
        if ("true".equals(saved.getProperty("maximized"))) {
            stage.setMaximized(true);
        }
        if (table != null) {
            for (TableColumnBase<?, ?> column : columns(table)) {
                OptionalDouble width = number(saved, COLUMN + column.getId());
                if (column.getId() != null && width.isPresent()
                        && width.getAsDouble() >= Math.max(MIN_COLUMN, column.getMinWidth())
                        && width.getAsDouble() <= Math.min(MAX_COLUMN, column.getMaxWidth())) {
                    column.setPrefWidth(width.getAsDouble());
                }
            }
        }
    }

    /**
     * {@code stage}'s bounds and state and the widths of {@code table}'s columns that have an id,
     * over what {@code before} held. On the FX thread; writes no file.
     */
    public Layout capture(Stage stage, TableView<?> table, Layout before) {
        Properties values = before.properties();
        values.setProperty("maximized", Boolean.toString(stage.isMaximized()));
        // A maximized or minimized window's bounds are the screen's or nonsense; keep the
        // last normal ones so un-maximizing next time gives the user's own size.
        if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0 && stage.getHeight() > 0) {
            values.setProperty("x", Double.toString(stage.getX()));
            values.setProperty("y", Double.toString(stage.getY()));
            values.setProperty("width", Double.toString(stage.getWidth()));
            values.setProperty("height", Double.toString(stage.getHeight()));
        }
        if (table != null) {
            for (TableColumnBase<?, ?> column : columns(table)) {
                if (column.getId() != null) {
                    values.setProperty(COLUMN + column.getId(), Double.toString(column.getWidth()));
                }
            }
        }
        return Layout.of(values);
    }

    /** Writes {@code layout} (not on the FX thread). Never throws; a failure is logged as a warning. */
    public void save(Layout layout) {
        try {
            save(layout.properties());
        } catch (IOException | RuntimeException e) {
            // The message says it all (file and reason); a stack trace would only alarm whoever reads the log.
            LOG.log(System.Logger.Level.WARNING, "Could not save the window layout to " + file + ": " + e);
        }
    }

    private Properties load() {
        Properties p = new Properties();
        try {
            // Nothing saved yet, or a symbolic link in its place (never followed): the defaults.
            Optional<String> saved = OwnFiles.readString(file);
            if (saved.isPresent()) {
                p.load(new StringReader(saved.get()));
            }
        } catch (IOException | IllegalArgumentException e) {
            // A broken file (bad \\u escape, unreadable) just means: start from the defaults.
            LOG.log(System.Logger.Level.DEBUG, "Ignoring " + file + ": " + e);
            p.clear();
        }
        return p;
    }

    /** Temp file in the same folder, then an atomic rename: a crash never leaves half a file; 0600. */
    private void save(Properties values) throws IOException {
        java.io.StringWriter text = new java.io.StringWriter();
        values.store(text, "PortForward window layout; delete this file to reset it");
        AtomicFile.write(file, text.toString());
    }

    private static OptionalDouble number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(value.strip());
            return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException garbage) {
            return OptionalDouble.empty();
        }
    }

    /** True when enough of the window's top edge is on some screen to grab it with the mouse. */
    static boolean grabbable(double x, double y, double width) {
        for (Screen screen : Screen.getScreens()) {
            Rectangle2D b = screen.getVisualBounds();
            double across = Math.min(x + width, b.getMaxX()) - Math.max(x, b.getMinX());
            double down = Math.min(y + GRAB_HEIGHT, b.getMaxY()) - Math.max(y, b.getMinY());
            if (across >= GRAB_WIDTH && down >= GRAB_HEIGHT) {
                return true;
            }
        }
        return false;
    }

    private static Rectangle2D biggestScreen() {
        return Screen.getScreens().stream().map(Screen::getVisualBounds)
                .max((a, b) -> Double.compare(a.getWidth() * a.getHeight(), b.getWidth() * b.getHeight()))
                .orElse(Screen.getPrimary().getVisualBounds());
    }

    /** All leaf and group columns, nested ones included. */
    private static List<TableColumnBase<?, ?>> columns(TableView<?> table) {
        List<TableColumnBase<?, ?>> all = new ArrayList<>();
        addAll(all, table.getColumns());
        return all;
    }

    private static void addAll(List<TableColumnBase<?, ?>> into, List<? extends TableColumn<?, ?>> columns) {
        for (TableColumn<?, ?> c : columns) {
            into.add(c);
            addAll(into, c.getColumns());
        }
    }
}
