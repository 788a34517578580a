package net.portforward.testing;

import java.util.Map;

/**
 * UPnP error codes and the descriptions routers send with them (UPnP Device Architecture for
 * 4xx/5xx/6xx, the IGD WANIPConnection specs for 7xx; spellings as miniupnpd sends them).
 */
public final class SoapFaults {

    public static final int INVALID_ACTION = 401;
    public static final int INVALID_ARGS = 402;
    public static final int ACTION_FAILED = 501;
    public static final int ACTION_NOT_AUTHORIZED = 606;
    public static final int SPECIFIED_ARRAY_INDEX_INVALID = 713;
    public static final int NO_SUCH_ENTRY_IN_ARRAY = 714;
    public static final int WILDCARD_NOT_PERMITTED_IN_SRC_IP = 715;
    public static final int WILDCARD_NOT_PERMITTED_IN_EXT_PORT = 716;
    public static final int CONFLICT_IN_MAPPING_ENTRY = 718;
    public static final int SAME_PORT_VALUES_REQUIRED = 724;
    public static final int ONLY_PERMANENT_LEASES_SUPPORTED = 725;
    public static final int REMOTE_HOST_ONLY_SUPPORTS_WILDCARD = 726;
    public static final int EXTERNAL_PORT_ONLY_SUPPORTS_WILDCARD = 727;
    public static final int NO_PORT_MAPS_AVAILABLE = 728;
    public static final int CONFLICT_WITH_OTHER_MECHANISMS = 729;
    public static final int PORT_MAPPING_NOT_FOUND = 730;
    public static final int WILDCARD_NOT_PERMITTED_IN_INT_PORT = 732;
    public static final int INCONSISTENT_PARAMETERS = 733;
    /** Vendor range: ActionTec and Thomson answer it with junk (FIELD.md). */
    public static final int VENDOR_JUNK = 899;

    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(INVALID_ACTION, "Invalid Action"),
            Map.entry(INVALID_ARGS, "Invalid Args"),
            Map.entry(403, "Out of Sync"),
            Map.entry(404, "Invalid Var"),
            Map.entry(ACTION_FAILED, "Action Failed"),
            Map.entry(ACTION_NOT_AUTHORIZED, "Action not authorized"),
            Map.entry(SPECIFIED_ARRAY_INDEX_INVALID, "SpecifiedArrayIndexInvalid"),
            Map.entry(NO_SUCH_ENTRY_IN_ARRAY, "NoSuchEntryInArray"),
            Map.entry(WILDCARD_NOT_PERMITTED_IN_SRC_IP, "WildCardNotPermittedInSrcIP"),
            Map.entry(WILDCARD_NOT_PERMITTED_IN_EXT_PORT, "WildCardNotPermittedInExtPort"),
            Map.entry(CONFLICT_IN_MAPPING_ENTRY, "ConflictInMappingEntry"),
            Map.entry(SAME_PORT_VALUES_REQUIRED, "SamePortValuesRequired"),
            Map.entry(ONLY_PERMANENT_LEASES_SUPPORTED, "OnlyPermanentLeasesSupported"),
            Map.entry(REMOTE_HOST_ONLY_SUPPORTS_WILDCARD, "RemoteHostOnlySupportsWildcard"),
            Map.entry(EXTERNAL_PORT_ONLY_SUPPORTS_WILDCARD, "ExternalPortOnlySupportsWildcard"),
            Map.entry(NO_PORT_MAPS_AVAILABLE, "NoPortMapsAvailable"),
            Map.entry(CONFLICT_WITH_OTHER_MECHANISMS, "ConflictWithOtherMechanisms"),
            Map.entry(PORT_MAPPING_NOT_FOUND, "PortMappingNotFound"),
            Map.entry(731, "ReadOnly"),
            Map.entry(WILDCARD_NOT_PERMITTED_IN_INT_PORT, "WildCardNotPermittedInIntPort"),
            Map.entry(INCONSISTENT_PARAMETERS, "InconsistentParameters"),
            Map.entry(VENDOR_JUNK, "Vendor defined error"));

    private SoapFaults() {}

    /** The standard description for a code ("ConflictInMappingEntry"), or "UPnPError". */
    public static String describe(int code) {
        return DESCRIPTIONS.getOrDefault(code, "UPnPError");
    }
}
