package net.portforward.engine.discovery;

import java.net.InetAddress;
import java.util.List;
import net.portforward.engine.error.Fact;
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
    private final Fact sentence;
    private final List<Fact> warnings;

    public NoMappingServiceException(DeviceDescription device, InetAddress router, List<Fact> warnings) {
        super(DiscoveryFact.NO_MAPPING_SERVICE.with(name(device), router));
        this.router = router;
        this.sentence = DiscoveryFact.NO_MAPPING_SERVICE.with(name(device), router);
        this.warnings = List.copyOf(warnings);
    }

    /** The device's address. */
    public InetAddress router() {
        return router;
    }

    /** Which device lacks what. */
    public Fact sentence() {
        return sentence;
    }

    /** What else was wrong with its description. */
    public List<Fact> warnings() {
        return warnings;
    }

    /** English, for logs: the sentence, then the warnings. */
    @Override
    public String getMessage() {
        StringBuilder s = new StringBuilder(sentence.english());
        warnings.forEach(w -> s.append(' ').append(w.english()));
        return s.toString();
    }

    /** "\"HG531 V1\" by Huawei Technologies Co., Ltd.": its own name, its model where that differs, its maker. */
    static Fact name(DeviceDescription d) {
        String friendly = Text.clean(d.friendlyName(), 60);
        String model = Text.clean(d.modelName(), 60);
        String maker = Text.clean(d.manufacturer(), 60);
        String name = friendly.isEmpty() ? model : friendly;
        if (name.isEmpty()) {
            return maker.isEmpty() ? DiscoveryFact.DEVICE_UNNAMED.with() : DiscoveryFact.DEVICE_BY_MAKER.with(maker);
        }
        boolean withModel = !model.isEmpty() && !name.contains(model);
        if (maker.isEmpty()) {
            return withModel ? DiscoveryFact.DEVICE_NAMED_MODEL.with(name, model) : DiscoveryFact.DEVICE_NAMED.with(name);
        }
        return withModel ? DiscoveryFact.DEVICE_NAMED_MODEL_BY.with(name, model, maker)
                : DiscoveryFact.DEVICE_NAMED_BY.with(name, maker);
    }
}
