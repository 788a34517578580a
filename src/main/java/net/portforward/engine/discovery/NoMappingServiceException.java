package net.portforward.engine.discovery;

import java.net.InetAddress;
import net.portforward.engine.error.RouterProtocolException;
import net.portforward.engine.model.DeviceDescription;
import net.portforward.engine.net.Text;

/**
 * A device answered as an Internet Gateway Device but describes no port-forwarding service
 * (WANIPConnection or WANPPPConnection, under the UPnP Forum's or TR-064's names): said in one
 * sentence that names the router and what it lacks, instead of failing oddly (tailscale #10911).
 */
public class NoMappingServiceException extends RouterProtocolException {
    private final InetAddress router;

    public NoMappingServiceException(DeviceDescription device, InetAddress router, String warnings) {
        super(sentence(device, router) + (warnings.isEmpty() ? "" : " " + warnings));
        this.router = router;
    }

    /** The device's address. */
    public InetAddress router() {
        return router;
    }

    static String sentence(DeviceDescription d, InetAddress router) {
        return name(d) + " at " + router.getHostAddress() + " answers UPnP but has no port-forwarding service: its"
                + " description lists neither WANIPConnection nor WANPPPConnection.";
    }

    /** "\"HG531 V1\" by Huawei Technologies Co., Ltd.": its own name, its model where that differs, its maker. */
    static String name(DeviceDescription d) {
        String friendly = Text.clean(d.friendlyName(), 60);
        String model = Text.clean(d.modelName(), 60);
        String maker = Text.clean(d.manufacturer(), 60);
        String name = friendly.isEmpty() ? model : friendly;
        if (name.isEmpty()) {
            return maker.isEmpty() ? "The device" : "A device by " + maker;
        }
        String shown = "\"" + name + "\"" + (!model.isEmpty() && !name.contains(model) ? " (" + model + ")" : "");
        return maker.isEmpty() ? shown : shown + " by " + maker;
    }
}
