package net.portforward;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The layers as rules the build checks (on the main classes): the engine is plain Java under
 * everything else; only the app wires the top objects; the window and the command line use the
 * engine's front (PortForwardEngine, Router, the models, discovery, mapping, watch) and never its
 * protocol internals, except where listed below with the reason.
 */
@AnalyzeClasses(packages = "net.portforward", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theEngineIsPlainJava = noClasses().that().resideInAPackage("net.portforward.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp..")
            .because("the engine is plain blocking Java, usable from the command line and other programs");

    @ArchTest
    static final ArchRule theEngineKnowsNothingAboveIt = noClasses().that().resideInAPackage("net.portforward.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("net.portforward.ledger..", "net.portforward.reach..",
                    "net.portforward.ui..", "net.portforward.cli..", "net.portforward.app..", "net.portforward.config..",
                    "net.portforward.checker..")
            .because("the engine is the bottom layer: the ledger, the reachability test and the front ends use it,"
                    + " never the other way round");

    @ArchTest
    static final ArchRule onlyTheWindowUsesJavaFx = noClasses().that().resideOutsideOfPackages("net.portforward.ui..",
                    "net.portforward.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.kordamp..")
            .because("the settings, the ledger, the reachability test and the command line run without a display");

    @ArchTest
    static final ArchRule theFrontEndsKeepApart = noClasses().that().resideInAPackage("net.portforward.ui..")
            .should().dependOnClassesThat().resideInAPackage("net.portforward.cli..")
            .because("the window and the command line are two front ends over the same engine");

    @ArchTest
    static final ArchRule theCommandLineIsNotTheWindow = noClasses().that().resideInAPackage("net.portforward.cli..")
            .should().dependOnClassesThat().resideInAPackage("net.portforward.ui..")
            .because("the window and the command line are two front ends over the same engine");

    @ArchTest
    static final ArchRule nothingButTheAppDependsOnIt = noClasses().that().resideOutsideOfPackage("net.portforward.app..")
            .should().dependOnClassesThat().resideInAPackage("net.portforward.app..")
            .because("the app is the top: it wires the rest");

    @ArchTest
    static final ArchRule theWordsServeBothFrontEnds = noClasses().that().resideInAPackage("net.portforward.text..")
            .should().dependOnClassesThat().resideInAnyPackage("net.portforward.ui..", "net.portforward.cli..",
                    "net.portforward.app..", "javafx..")
            .because("the window and the command line share one set of words for the engine's reasons");

    /** The objects the app makes once and wires together (and shuts down). */
    private static final Set<String> TOP_OBJECTS = Set.of(
            "net.portforward.engine.PortForwardEngine",
            "net.portforward.ledger.Ledger",
            "net.portforward.ui.TaskRunner",
            "net.portforward.ui.main.MainViewModel",
            "net.portforward.ui.main.MainWindow",
            "net.portforward.ui.watch.WatchViewModel",
            "net.portforward.ui.reach.ReachWindow",
            "net.portforward.ui.ledger.LedgerUi",
            "net.portforward.cli.Cli");

    @ArchTest
    static final ArchRule onlyTheAppWires = noClasses().that().resideOutsideOfPackage("net.portforward.app..")
            .should().callConstructorWhere(describe("a top object's constructor, from outside its own class",
                    (JavaAccess<?> call) -> makesTopObject(call)))
            .orShould().callMethodWhere(describe("a factory of the running machine's parts",
                    (JavaAccess<?> call) -> machineFactory(call)))
            .because("one place creates and wires the objects and owns shutdown: app/DesktopApp for the window,"
                    + " app/Main and app/CommandLineParts for the command line");

    private static boolean makesTopObject(JavaAccess<?> call) {
        JavaClass made = call.getTargetOwner();
        return TOP_OBJECTS.contains(made.getName()) && !call.getOriginOwner().equals(made);
    }

    /** Static factories that build a top object or bind to the real machine (its network, its folders). */
    private static boolean machineFactory(JavaAccess<?> call) {
        String target = call.getTargetOwner().getName() + "." + call.getName();
        return Set.of("net.portforward.ledger.Ledger.open", "net.portforward.config.SettingsLoader.forThisMachine",
                "net.portforward.engine.discovery.DiscoveryPolicy.system").contains(target)
                && !call.getOriginOwner().equals(call.getTargetOwner());
    }

    /**
     * What the window and the command line may name inside the protocol packages, with why; anything
     * else there is the engine's business.
     */
    private static final Set<String> NAMED_INTERNALS = Set.of(
            // checker --listen and --trust-proxy take IPv4 literals, read as the engine reads them
            // (no name look-up), so the checker's addresses mean the same as everywhere else.
            "net.portforward.engine.net.Ipv4",
            // IPv6 addresses are written in one canonical form (RFC 5952) and IPv6 literals read
            // without a name look-up, the same in the engine, the command line and the window.
            "net.portforward.engine.net.Ipv6");

    @ArchTest
    static final ArchRule theFrontEndsStayOutOfTheProtocols = noClasses()
            .that().resideInAnyPackage("net.portforward.ui..", "net.portforward.cli..")
            .should().dependOnClassesThat(describe("a protocol internal (engine.upnp, pcp, natpmp, portcontrol, net)"
                    + " not listed in NAMED_INTERNALS", (JavaClass c) -> c.getPackageName().matches(
                            "net\\.portforward\\.engine\\.(upnp|pcp|natpmp|portcontrol|net)(\\..*)?")
                    && !NAMED_INTERNALS.contains(c.getName())))
            .because("the window and the command line speak to the engine's front (PortForwardEngine, Router, the"
                    + " models, discovery, mapping, watch); a router's protocol is the engine's business");
}
