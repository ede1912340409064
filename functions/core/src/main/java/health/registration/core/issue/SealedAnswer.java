package health.registration.core.issue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the first answer to an idempotent registration so that a retry gets exactly it (same client, secret and
 * token) while the store holds nothing usable. A key of the entry is derived from the {@code Idempotency-Key} with
 * HMAC-SHA-256 (RFC 2104) under the server's {@link IdempotencyPepper}; from it, with distinct labels, come the
 * store's id for the entry, the fingerprint of the request body and the AES-256-GCM key that seals the answer (JDK).
 * Without the pepper, a read of the table cannot open an answer, test a guessed Idempotency-Key against an entry, or
 * tell which body an entry was made for; without the Idempotency-Key, neither can the server's own operators.
 * Thread-safe; the pepper is asked for at each use (a refreshing secret, read on first use).
 */
public final class SealedAnswer {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] ENTRY_LABEL = label("registration idempotency entry key");
    private static final byte[] ID_LABEL = label("registration idempotency key id");
    private static final byte[] BODY_LABEL = label("registration idempotency body");
    private static final byte[] ANSWER_LABEL = label("registration idempotency answer key");

    private final Supplier<IdempotencyPepper> pepper;

    public SealedAnswer(Supplier<IdempotencyPepper> pepper) {
        this.pepper = Objects.requireNonNull(pepper);
    }

    /** The store's id for an Idempotency-Key. */
    public String keyId(IdempotencyKey key) {
        return ENCODE.encodeToString(hmac(entryKey(key), ID_LABEL));
    }

    /** A keyed fingerprint of a request body, to tell a retry from a different request. */
    public String bodyHash(IdempotencyKey key, byte[] body) {
        return ENCODE.encodeToString(hmac(entryKey(key), BODY_LABEL, body));
    }

    public String seal(IdempotencyKey key, String answer) {
        try {
            byte[] iv = new byte[IV_BYTES];
            new SecureRandom().nextBytes(iv);
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, iv).doFinal(answer.getBytes(StandardCharsets.UTF_8));
            return ENCODE.encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is part of every JDK", impossible);
        }
    }

    /** The answer, or empty when the sealed text was not sealed under this key and pepper, or was altered. */
    public Optional<String> open(IdempotencyKey key, String sealed) {
        try {
            byte[] bytes = DECODE.decode(sealed);
            if (bytes.length < IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(bytes, IV_BYTES));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException tamperedOrWrongKey) {
            return Optional.empty();
        }
    }

    private Cipher cipher(int mode, IdempotencyKey key, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(hmac(entryKey(key), ANSWER_LABEL), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }

    /** HMAC-SHA-256(pepper, label || key): the entry's own key, from which every other value is derived. */
    private byte[] entryKey(IdempotencyKey key) {
        return hmac(pepper.get().bytes(), ENTRY_LABEL, key.value().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", impossible);
        }
    }

    /** A label ends with a zero byte, so that no label followed by data reads as another label. */
    private static byte[] label(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }
}
