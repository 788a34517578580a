package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.error.RouterTrouble;
import net.portforward.engine.model.DeviceDescription;
import net.portforward.engine.model.Gateway;
import net.portforward.engine.model.ServiceRef;
import net.portforward.engine.model.UpnpService;
import net.portforward.engine.net.GatewayAddressPolicy;
import net.portforward.engine.net.SafeHttp;
import net.portforward.engine.progress.Progress;
import net.portforward.engine.upnp.DescriptionParser;
import net.portforward.engine.upnp.SoapClient;
import net.portforward.engine.upnp.UpnpStatus;
import net.portforward.engine.upnp.WanConnection;

/** Reads one router's description and the status of each of its WAN connection services. */
public final class GatewayProbe {
    private final SafeHttp http;
    private final SoapClient soap;

    public GatewayProbe(SafeHttp http) {
        this.http = http;
        this.soap = new SoapClient(http);
    }

    /** Where search answers are kept for a router report: with the SOAP exchanges of the same client. */
    public net.portforward.engine.net.TrafficLog traffic() {
        return http.traffic();
    }

    /**
     * @param router the address the description may be fetched from and every URL in it must name
     * @return one gateway per WAN connection service, each with its status
     */
    public List<Gateway> probe(URI location, InetAddress router, Progress progress) throws PortForwardException {
        GatewayAddressPolicy policy = new GatewayAddressPolicy(router);
        policy.check(location, "description URL");
        SafeHttp.Response response = http.get(location, progress);
        if (response.status() != 200) {
            throw new RouterProtocolException(RouterTrouble.DESCRIPTION_STATUS.with(router, response.status(), location));
        }
        DescriptionParser.Result parsed = DescriptionParser.parse(response.body(), location, policy);
        DeviceDescription device = parsed.description();
        List<ServiceRef> wan = device.wanConnectionServices();
        if (wan.isEmpty()) {
            throw new NoMappingServiceException(device, router, parsed.warnings());
        }
        int port = location.getPort() < 0 ? 80 : location.getPort();
        InetAddress local = NetworkChoice.localAddressTowards(router, port);
        List<Gateway> out = new ArrayList<>();
        for (ServiceRef service : wan) {
            progress.checkCancelled();
            out.add(new Gateway(new UpnpService(device, service), router, local,
                    UpnpStatus.read(new WanConnection(soap, service), progress), false));
        }
        return out;
    }
}
