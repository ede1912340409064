package health.registration.core.model;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The one PEM reader (RFC 7468), BouncyCastle's {@link PEMParser}, for every PEM text the service is given: the UDAP
 * server credentials, the trust anchors and the issuing CA's key and chain. Text outside the blocks is ignored, as
 * RFC 7468 §5.2 allows explanatory text. Its failures never quote the text, which may hold a key.
 */
public final class PemBlocks {

    /**
     * One block, in the order of the text: its label (RFC 7468 §2), the DER it encodes, and the RFC 1421 headers of a
     * legacy OpenSSL key ({@code Proc-Type}, {@code DEK-Info}), if any.
     */
    public record Block(String label, byte[] der, Map<String, String> headers) {

        public Block {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /**
         * What {@link PEMParser} makes of the block by its label: an {@code X509CertificateHolder}, a
         * {@code PrivateKeyInfo}, a {@code PEMKeyPair}, an encrypted key, an {@code X509CRLHolder} ...
         *
         * @throws IllegalArgumentException when PEMParser reads no object of this label from the DER
         */
        public Object parsed() {
            StringWriter text = new StringWriter();
            try (PemWriter writer = new PemWriter(text)) {
                List<PemHeader> pemHeaders = new ArrayList<>();
                headers.forEach((name, value) -> pemHeaders.add(new PemHeader(name, value)));
                writer.writeObject(new PemObject(label, pemHeaders, der));
            } catch (IOException impossible) {
                throw new IllegalStateException("a PEM block could not be written to a string");
            }
            try (PEMParser parser = new PEMParser(new StringReader(text.toString()))) {
                Object parsed = parser.readObject();
                if (parsed == null) {
                    throw new IOException("no object");
                }
                return parsed;
            } catch (IOException | RuntimeException unreadable) {
                // No cause: a parser message could quote the block, which may be a key.
                throw new IllegalArgumentException("a " + label + " block that is not what its label says");
            }
        }
    }

    private PemBlocks() {}

    /**
     * Every block of the text.
     *
     * @throws IllegalArgumentException when a block has no matching END line or its body is not base64
     */
    public static List<Block> read(String text) {
        List<Block> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (PemObject block = parser.readPemObject(); block != null; block = parser.readPemObject()) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Object header : block.getHeaders()) {
                    headers.put(((PemHeader) header).getName(), ((PemHeader) header).getValue());
                }
                blocks.add(new Block(block.getType(), block.getContent(), headers));
            }
        } catch (IOException | RuntimeException malformed) {
            // No cause: a parser message could quote the text, which may hold a key.
            throw new IllegalArgumentException("a PEM block without a matching END line, or not base64");
        }
        return blocks;
    }
}
