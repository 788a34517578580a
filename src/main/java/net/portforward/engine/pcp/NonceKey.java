package net.portforward.engine.pcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.portforward.engine.error.FileTrouble;
import net.portforward.engine.error.PortForwardException;
import net.portforward.engine.model.Protocol;
import net.portforward.files.AtomicFile;

/**
 * The mapping nonces PortForward uses with PCP. A PCP server keeps the nonce of the request that
 * made a mapping and refuses to renew or delete it with another (miniupnpd answers NOT_AUTHORIZED,
 * pcpserver.c DeletePCPMap), also after PortForward restarted. So each nonce is derived from a
 * random secret of this installation and what names the mapping (gateway, protocol, internal
 * port): unpredictable to every other host, the same at every start, and nothing per mapping to
 * store. The secret lives in the data folder ({@code pcp-key}).
 */
public final class NonceKey {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] secret;

    private NonceKey(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The key of {@code dataDir}, made (32 random bytes) the first time it is needed. */
    public static synchronized NonceKey in(Path dataDir) throws PortForwardException {
        Path file = dataDir.resolve("pcp-key");
        try {
            if (Files.isRegularFile(file)) {
                byte[] stored = HEX.parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
                if (stored.length == 32) {
                    return new NonceKey(stored);
                }
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            AtomicFile.write(file, HEX.formatHex(fresh) + "\n");
            return new NonceKey(fresh);
        } catch (IOException | IllegalArgumentException e) {
            throw new PortForwardException(FileTrouble.PCP_KEY.with(file, e.getMessage()), e);
        }
    }

    /** Where a mapper gets the key when it first needs one (reading the data folder may fail). */
    @FunctionalInterface
    public interface Source {
        NonceKey get() throws PortForwardException;
    }

    /** A key that lives only in memory: for a run without a data folder, and for tests. */
    public static NonceKey ephemeral() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return new NonceKey(fresh);
    }

    /** The nonce for the mapping of {@code protocol}/{@code internalPort} through {@code gateway}. */
    public MappingNonce nonce(String gateway, Protocol protocol, int internalPort) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((gateway + "|" + protocol.name() + "|" + internalPort)
                    .getBytes(StandardCharsets.UTF_8));
            return MappingNonce.of(Arrays.copyOf(digest, MappingNonce.LENGTH));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }
}
