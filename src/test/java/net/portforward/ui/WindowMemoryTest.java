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
        FxTestSupport.onFx(() -> {
            Stage stage = new Stage();
            stage.setX(x);
            stage.setY(y);
            stage.setWidth(640);
            stage.setHeight(420);
            TableView<String> table = table(80, 150);
            table.getColumns().get(1).setPrefWidth(175);
            memory.remember(stage, table);
            return null;
        });
        assertTrue(Files.exists(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temp file left behind");
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }

        Stage restored = onFx(Stage::new);
        TableView<String> table = FxTestSupport.onFx(() -> table(50, 50));
        FxTestSupport.onFx(() -> {
            memory.restore(restored, table);
            return null;
        });
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
        FxTestSupport.onFx(() -> {
            TableView<String> table = table(80, 150);
            table.getColumns().get(1).setId(null); // a column without an id is not remembered
            Stage stage = new Stage();
            stage.setWidth(500);
            stage.setHeight(400);
            new WindowMemory(file).remember(stage, table);
            return null;
        });
        Properties saved = load(file);
        assertEquals(80.0, Double.parseDouble(saved.getProperty("column.col0")));
        assertFalse(saved.containsKey("column.col1"));
        assertFalse(saved.containsKey("column.null"));
    }

    @Test
    void aMaximizedWindowKeepsItsNormalBoundsForLater() throws IOException {
        Path file = dir.resolve("window.properties");
        write(file, "x=10\ny=20\nwidth=700\nheight=500\n");
        FxTestSupport.onFx(() -> {
            Stage stage = new Stage();
            stage.setMaximized(true);
            stage.setWidth(1900);
            stage.setHeight(1000);
            new WindowMemory(file).remember(stage, null);
            return null;
        });
        Properties saved = load(file);
        assertEquals("true", saved.getProperty("maximized"));
        assertEquals("700", saved.getProperty("width"), "the normal size is kept");

        Stage restored = onFx(() -> {
            Stage stage = new Stage();
            new WindowMemory(file).restore(stage, null);
            return stage;
        });
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
            Stage stage = onFx(() -> {
                Stage st = new Stage();
                st.setX(33);
                st.setY(44);
                new WindowMemory(file).restore(st, null);
                return st;
            });
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
            Stage stage = onFx(() -> {
                Stage st = new Stage();
                st.setWidth(500);
                st.setHeight(300);
                new WindowMemory(file).restore(st, table);
                return st;
            });
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
        Stage stage = onFx(() -> {
            Stage st = new Stage();
            new WindowMemory(file).restore(st, null);
            return st;
        });
        assertEquals(s.getWidth(), FxTestSupport.onFx(stage::getWidth));
        assertEquals(s.getHeight(), FxTestSupport.onFx(stage::getHeight));
    }

    @Test
    void aMissingFileChangesNothing() {
        Stage stage = onFx(() -> {
            Stage st = new Stage();
            st.setWidth(512);
            new WindowMemory(dir.resolve("nothing-here.properties")).restore(st, table(70));
            return st;
        });
        assertEquals(512, FxTestSupport.onFx(stage::getWidth));
        assertFalse(FxTestSupport.onFx(stage::isMaximized));
    }

    @Test
    void aFailedSaveIsSwallowed() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        FxTestSupport.onFx(() -> {
            Stage stage = new Stage();
            stage.setWidth(500);
            stage.setHeight(400);
            new WindowMemory(blocker.resolve("window.properties")).remember(stage, table(10));
            return null; // reaching here is the test: no exception
        });
        assertEquals("x", Files.readString(blocker));
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
