package net.portforward.ui.about;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ResourceBundle;

/**
 * What this build is: its version, the project's link and the libraries inside with their
 * licences. Versions come from build.properties, which Maven fills in from pom.xml (so they cannot
 * drift from what was built); names and licences from the AboutText bundle.
 */
public record BuildInfo(String version, String projectUrl, List<Library> libraries) {
    static final String BUILD_FILE = "/net/portforward/ui/about/build.properties";

    public BuildInfo {
        libraries = List.copyOf(libraries);
    }

    /** This build's information, with the Java runtime it runs on listed first. */
    public static BuildInfo load() {
        Properties build = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(BUILD_FILE)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_FILE + " is missing from the build");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ResourceBundle text = AboutDialog.text();
        List<Library> libraries = new ArrayList<>();
        libraries.add(new Library("java", text.getString("library.java"), System.getProperty("java.version"),
                text.getString("licence.java")));
        for (String key : build.getProperty("libraries").split(",")) {
            String k = key.strip();
            libraries.add(new Library(k, text.getString("library." + k), build.getProperty(k, "?"),
                    text.getString("licence." + k)));
        }
        return new BuildInfo(build.getProperty("version"), build.getProperty("url"), libraries);
    }
}
