package net.portforward.ui.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The Add dialog's choice of an IPv4 forward, an IPv6 pinhole or both, as plain properties. */
class ForwardOrPinholeTest {
    private static final InetAddress ME = address("192.168.1.23");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bothByDefaultWherePinholesArePossible() {
        ForwardOrPinhole c = new ForwardOrPinhole(MappingForm.adding(ME), ME, true);
        assertTrue(c.offered());
        assertTrue(c.forwardProperty().get() && c.pinholeProperty().get());
        assertTrue(c.validProperty().get());
    }

    @Test
    void notOfferedWherePinholesAreNotPossibleNorWhenEditing() {
        ForwardOrPinhole c = new ForwardOrPinhole(MappingForm.adding(ME), ME, false);
        assertFalse(c.offered());
        assertTrue(c.forwardProperty().get());
        assertFalse(c.pinholeProperty().get(), "a forward only, as before");
        MappingForm editing = MappingForm.editing(new net.portforward.engine.model.PortMapping(
                net.portforward.engine.model.Protocol.TCP, 80, ME, 80, true, "", null, null), ME);
        assertFalse(new ForwardOrPinhole(editing, ME, true).offered());
    }

    @Test
    void neitherIsRefused() {
        ForwardOrPinhole c = new ForwardOrPinhole(MappingForm.adding(ME), ME, true);
        c.forwardProperty().set(false);
        c.pinholeProperty().set(false);
        assertFalse(c.validProperty().get());
        assertEquals("Choose an IPv4 forward, an IPv6 pinhole, or both.", c.errorProperty().get());
    }

    @Test
    void aPinholeIsOnlyForThisComputer() {
        MappingForm form = MappingForm.adding(ME);
        ForwardOrPinhole c = new ForwardOrPinhole(form, ME, true);
        form.internalClientProperty().set("192.168.1.24");
        assertFalse(c.validProperty().get());
        assertTrue(c.errorProperty().get().startsWith("An IPv6 pinhole opens only this computer's own port"));
        c.pinholeProperty().set(false);
        assertTrue(c.validProperty().get(), "a forward to another computer alone is fine");
    }

    @Test
    void thePinholeAloneLeadsToThisComputerWithNoClientToChoose() {
        MappingForm form = MappingForm.adding(ME);
        ForwardOrPinhole c = new ForwardOrPinhole(form, ME, true);
        form.internalClientProperty().set("192.168.1.24");
        c.forwardProperty().set(false);
        assertEquals("192.168.1.23", form.internalClientProperty().get());
        assertFalse(form.clientEditableProperty().get());
        assertTrue(c.validProperty().get());
        c.forwardProperty().set(true);
        assertTrue(form.clientEditableProperty().get(), "back with the forward");
    }
}
