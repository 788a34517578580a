package net.portforward.engine.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.testing.RouterData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SsdpAnswerTest {
    static List<String> captured() {
        return RouterData.names(".txt");
    }

    @ParameterizedTest
    @MethodSource("captured")
    void realAnswersAreAcceptedFromTheHostTheyName(String file) throws Exception {
        String text = RouterData.text(file);
        String host = text.replaceAll("(?is).*LOCATION:\\s*http://([0-9.]+)[:/].*", "$1");
        SsdpAnswer a = SsdpAnswer.parse(InetAddress.getByName(host), text);
        assertEquals(host, a.location().getHost());
        assertTrue(a.usn().startsWith("uuid:"), a.usn());
    }

    @ParameterizedTest
    @MethodSource("captured")
    void realAnswersAreRefusedFromAnyOtherHost(String file) {
        assertThrows(RouterProtocolException.class,
                () -> SsdpAnswer.parse(InetAddress.getByName("192.0.2.77"), RouterData.text(file)));
    }

    @Test
    void miniupnpdBootIdIsKept() throws Exception {
        SsdpAnswer a = SsdpAnswer.parse(InetAddress.getByName("192.168.86.1"), RouterData.text("google-wifi-onhub-ssdp.txt"));
        assertTrue(!a.bootId().isEmpty());
    }

    @Test
    void hostileLocationsAreRefused() throws Exception {
        InetAddress src = InetAddress.getByName("192.168.1.1");
        for (String location : List.of("https://192.168.1.1/x.xml", "http://router.lan/x.xml",
                "http://127.0.0.1:5000/x.xml", "http://169.254.169.254/latest", "file:///etc/passwd",
                "http://user@192.168.1.1/x.xml", "", "http://[::1]/x")) {
            String answer = "HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nLOCATION: " + location + "\r\n\r\n";
            assertThrows(RouterProtocolException.class, () -> SsdpAnswer.parse(src, answer), location);
        }
    }

    @Test
    void headerNamesInAnyCase() throws Exception {
        SsdpAnswer a = SsdpAnswer.parse(InetAddress.getByName("192.168.1.1"),
                "HTTP/1.1 200 OK\nlocation: http://192.168.1.1:1780/InternetGatewayDevice.xml\nSt: x\n\n");
        assertEquals(1780, a.location().getPort());
    }
}
