package net.portforward.lab;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One lab of the given variant for a whole test class, and the app's CLI run inside it. */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LabCliTest {
    LabNetwork lab;
    AppCli app;

    abstract LabVariant variant();

    @BeforeAll
    void startLab(@TempDir Path work) {
        LabNetwork.assumeAvailable();
        lab = LabNetwork.start(variant());
        app = new AppCli(lab, work);
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }
}
