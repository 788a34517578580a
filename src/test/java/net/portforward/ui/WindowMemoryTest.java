package net.portforward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stages are created but never shown: bounds set before showing are what restore is for. */
@org.junit.jupiter.api.Timeout(60)
class WindowMemoryTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void startFx() throws InterruptedException {
        FxTestSupport.startFx();
        // Other window tests close their last window; that must not end the toolkit for these.
        javafx.application.Platform.setImplicitExit(false);
    }

    private static TableView<String> table(double... widths) {
        TableView<String> table = new TableView<>();
        for (int i = 0; i < widths.length; i++) {
            TableColumn<String, String> c = new TableColumn<>("c" + i);
            c.setId("col" + i);
            c.setPrefWidth(widths[i]);
            table.getColumns().add(c);
        }
        // Not shown, so no skin lays the columns out: a column's width is its preferred width.
        return table;
    }

    private static Rectangle2D screen() {
        return FxTestSupport.onFx(() -> Screen.getPrimary().getVisualBounds());
    }

    /** Runs {@code action} on the FX thread and returns the stage it built or changed. */
    private static Stage onFx(java.util.function.Supplier<Stage> action) {
        return FxTestSupport.onFx(action);
    }

    @Test
    void savedSizePositionAndColumnsComeBack() throws IOException {
        Path file = dir.resolve("data").resolve("window.properties");
        WindowMemory memory = new WindowMemory(file);
        Rectangle2D s = screen();
        double x = s.getMinX() + 40;
        double y = s.getMinY() + 30;
        TableView<String> saved = FxTestSupport.onFx(() -> table(80, 150));
        remember(memory, () -> {
            Stage stage = new Stage();
            stage.setX(x);
            stage.setY(y);
            stage.setWidth(640);
            stage.setHeight(420);
            saved.getColumns().get(1).setPrefWidth(175);
            return stage;
        }, saved);
        assertTrue(Files.exists(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temp file left behind");
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }

        TableView<String> table = FxTestSupport.onFx(() -> table(50, 50));
        Stage restored = restore(memory, Stage::new, () -> table);
        assertEquals(x, FxTestSupport.onFx(restored::getX));
        assertEquals(y, FxTestSupport.onFx(restored::getY));
        assertEquals(640, FxTestSupport.onFx(restored::getWidth));
        assertEquals(420, FxTestSupport.onFx(restored::getHeight));
        assertFalse(FxTestSupport.onFx(restored::isMaximized));
        assertEquals(80, table.getColumns().get(0).getPrefWidth());
        assertEquals(175, table.getColumns().get(1).getPrefWidth());
    }

    @Test
    void columnWidthsAreSavedById() throws IOException {
        Path file = dir.resolve("window.properties");
        TableView<String> table = FxTestSupport.onFx(() -> table(80, 150));
        table.getColumns().get(1).setId(null); // a column without an id is not remembered
        remember(new WindowMemory(file), () -> {
            Stage stage = new Stage();
            stage.setWidth(500);
            stage.setHeight(400);
            return stage;
        }, table);
        Properties saved = load(file);
        assertEquals(80.0, Double.parseDouble(saved.getProperty("column.col0")));
        assertFalse(saved.containsKey("column.col1"));
        assertFalse(saved.containsKey("column.null"));
    }

    @Test
    void aMaximizedWindowKeepsItsNormalBoundsForLater() throws IOException {
        Path file = dir.resolve("window.properties");
        write(file, "x=10\ny=20\nwidth=700\nheight=500\n");
        remember(new WindowMemory(file), () -> {
            Stage stage = new Stage();
            stage.setMaximized(true);
            stage.setWidth(1900);
            stage.setHeight(1000);
            return stage;
        }, null);
        Properties saved = load(file);
        assertEquals("true", saved.getProperty("maximized"));
        assertEquals("700", saved.getProperty("width"), "the normal size is kept");

        Stage restored = restore(new WindowMemory(file), Stage::new, () -> null);
        assertTrue(FxTestSupport.onFx(restored::isMaximized));
        assertEquals(700, FxTestSupport.onFx(restored::getWidth));
    }

    @Test
    void aPositionOffEveryScreenIsIgnoredButTheSizeIsKept() throws IOException {
        Rectangle2D s = screen();
        for (String place : List.of(
                "x=" + (s.getMaxX() + 100) + "\ny=10",   // right of the screen
                "x=-5000\ny=10",                          // left of it
                "x=10\ny=" + (s.getMaxY() - 5),           // title bar below the bottom edge
                "x=10\ny=" + (s.getMinY() - 100))) {      // title bar above the top edge
            Path file = dir.resolve("window.properties");
            write(file, place + "\nwidth=600\nheight=400\n");
            Stage stage = restore(new WindowMemory(file), () -> {
                Stage st = new Stage();
                st.setX(33);
                st.setY(44);
                return st;
            }, () -> null);
            assertEquals(33, FxTestSupport.onFx(stage::getX), place);
            assertEquals(44, FxTestSupport.onFx(stage::getY), place);
            assertEquals(600, FxTestSupport.onFx(stage::getWidth), place);
        }
    }

    @Test
    void garbageAndAbsurdValuesAreIgnored() throws IOException {
        for (String junk : List.of("width=abc\nheight=400", "width=-600\nheight=400", "width=20\nheight=10",
                "width=NaN\nheight=400", "width=Infinity\nheight=400", "height=400", "\\u12 broken escape")) {
            Path file = dir.resolve("window.properties");
            write(file, junk + "\nx=10\ny=10\ncolumn.col0=-3\ncolumn.col1=1e9\n");
            TableView<String> table = FxTestSupport.onFx(() -> table(80, 90));
            Stage stage = restore(new WindowMemory(file), () -> {
                Stage st = new Stage();
                st.setWidth(500);
                st.setHeight(300);
                return st;
            }, () -> table);
            assertEquals(500, FxTestSupport.onFx(stage::getWidth), junk);
            assertEquals(300, FxTestSupport.onFx(stage::getHeight), junk);
            assertEquals(80, table.getColumns().get(0).getPrefWidth(), junk);
            assertEquals(90, table.getColumns().get(1).getPrefWidth(), junk);
        }
    }

    @Test
    void aSizeBiggerThanAnyScreenIsFittedToTheBiggest() throws IOException {
        Rectangle2D s = screen();
        Path file = dir.resolve("window.properties");
        write(file, "width=" + (s.getWidth() * 3) + "\nheight=" + (s.getHeight() * 3) + "\n");
        Stage stage = restore(new WindowMemory(file), Stage::new, () -> null);
        assertEquals(s.getWidth(), FxTestSupport.onFx(stage::getWidth));
        assertEquals(s.getHeight(), FxTestSupport.onFx(stage::getHeight));
    }

    @Test
    void aMissingFileChangesNothing() {
        Stage stage = restore(new WindowMemory(dir.resolve("nothing-here.properties")), () -> {
            Stage st = new Stage();
            st.setWidth(512);
            return st;
        }, () -> table(70));
        assertEquals(512, FxTestSupport.onFx(stage::getWidth));
        assertFalse(FxTestSupport.onFx(stage::isMaximized));
    }

    @Test
    void aFailedSaveIsSwallowed() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        TableView<String> table = FxTestSupport.onFx(() -> table(10));
        remember(new WindowMemory(blocker.resolve("window.properties")), () -> {
            Stage stage = new Stage();
            stage.setWidth(500);
            stage.setHeight(400);
            return stage;
        }, table); // reaching past here is the test: no exception
        assertEquals("x", Files.readString(blocker));
    }

    /** As the app does it: the layout is captured on the FX thread and written off it. */
    private static void remember(WindowMemory memory, java.util.function.Supplier<Stage> stage, TableView<?> table) {
        WindowMemory.Layout before = memory.read();
        WindowMemory.Layout captured = FxTestSupport.onFx(() -> memory.capture(stage.get(), table, before));
        memory.save(captured);
    }

    /** As the app does it: the file is read off the FX thread and applied on it. */
    private static Stage restore(WindowMemory memory, java.util.function.Supplier<Stage> stage,
                                 java.util.function.Supplier<TableView<?>> table) {
        WindowMemory.Layout saved = memory.read();
        return onFx(() -> {
            Stage st = stage.get();
            memory.restore(st, table.get(), saved);
            return st;
        });
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
