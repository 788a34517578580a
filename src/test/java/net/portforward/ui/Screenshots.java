package net.portforward.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Pictures of a window as the user sees it, popups over it included, for a person to look at:
 * taken only when the system property {@code portforward.screenshots} names a folder; otherwise
 * nothing happens, so the fast suite writes no files. Under Xvfb, with the real toolkit:
 * <pre>
 * Xvfb :99 -screen 0 1280x900x24 &amp;
 * DISPLAY=:99 mvn -o test -Dtest=WindowStatesTest -Dtestfx.headless=false -Dglass.platform=gtk \
 *     -Dmonocle.platform=X -Djava.awt.headless=false -Dportforward.screenshots=$PWD/target/screenshots
 * </pre>
 * Add {@code -Dportforward.theme=dark} for the dark theme, {@code -Dglass.gtk.uiScale=2} for 200% (on a
 * screen big enough for the windows at twice their size, such as {@code -screen 0 2700x1800x24}): the
 * pictures then have twice the pixels.
 */
public final class Screenshots {
    private Screenshots() {
    }

    /** Saves what the screen shows where {@code window} is as {@code name}.png. */
    public static void take(Window window, String name) throws IOException, InterruptedException {
        String folder = System.getProperty("portforward.screenshots", "");
        if (folder.isBlank()) {
            return;
        }
        // Two pulses so the last change is laid out and painted before the screen is read.
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(2);
        Rectangle2D where = FxTestSupport.onFx(() -> new Rectangle2D(window.getX(), window.getY(), window.getWidth(),
                window.getHeight()));
        // Every pixel the screen has: at 200% a window is twice as many pixels as its size says, and
        // TestFX's capture would scale it back down to 100%.
        Image image = FxTestSupport.onFx(() -> new javafx.scene.robot.Robot().getScreenCapture(null, where, false));
        // A window just shown may not be on the screen yet (all one colour): wait for its first frame.
        for (int tries = 0; tries < 50 && oneColour(image); tries++) {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents(2);
            image = FxTestSupport.onFx(() -> new javafx.scene.robot.Robot().getScreenCapture(null, where, false));
        }
        Path file = Path.of(folder).resolve(name + ".png");
        Files.createDirectories(file.getParent());
        ImageIO.write(toAwt(image), "png", file.toFile());
    }

    private static boolean oneColour(Image image) {
        PixelReader pixels = image.getPixelReader();
        int first = pixels.getArgb(0, 0);
        for (int y = 0; y < (int) image.getHeight(); y += 7) {
            for (int x = 0; x < (int) image.getWidth(); x += 7) {
                if (pixels.getArgb(x, y) != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private static BufferedImage toAwt(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }
}
