package health.registration.core.issue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the first answer to an idempotent registration so that a retry gets exactly it (same client, secret and
 * token) while the store holds nothing usable: the answer is sealed with AES-256-GCM (JDK) under a key derived from
 * the client's {@code Idempotency-Key} with HMAC-SHA-256, and the store's id for the entry is derived from the key
 * with another label. Only whoever knows the Idempotency-Key can open it.
 */
public final class SealedAnswer {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private SealedAnswer() {}

    /** The store's id for an Idempotency-Key. */
    public static String keyId(String idempotencyKey) {
        return ENCODE.encodeToString(derive(idempotencyKey, "registration idempotency key id"));
    }

    /** SHA-256 of a request body, to tell a retry from a different request. */
    public static String bodyHash(byte[] body) {
        try {
            return ENCODE.encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    public static String seal(String idempotencyKey, String answer) {
        try {
            byte[] iv = new byte[IV_BYTES];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, idempotencyKey, iv);
            byte[] sealed = cipher.doFinal(answer.getBytes(StandardCharsets.UTF_8));
            return ENCODE.encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("AES-GCM is part of every JDK", impossible);
        }
    }

    /** The answer, or empty when the sealed text was not sealed under this key or was altered. */
    public static Optional<String> open(String idempotencyKey, String sealed) {
        try {
            byte[] bytes = DECODE.decode(sealed);
            byte[] iv = java.util.Arrays.copyOf(bytes, IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, idempotencyKey, iv);
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException tamperedOrWrongKey) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, String idempotencyKey, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(derive(idempotencyKey, "registration idempotency answer key"), "AES"),
                new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }

    private static byte[] derive(String idempotencyKey, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(idempotencyKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", impossible);
        }
    }
}
