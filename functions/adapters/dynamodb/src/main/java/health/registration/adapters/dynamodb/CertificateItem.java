package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import health.registration.core.certificate.CrlDocument;
import health.registration.core.certificate.IssuedCertificate;
import health.registration.core.certificate.RevocationReason;
import health.registration.core.certificate.RevokedCertificate;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of the certificates table ({@link CertificatesTable}): a certificate with its metadata and requester
 * (docs/api/certificates.md, "Data": serial, subject, SAN, metadata, requester), a revocation entry, and the current
 * CRL. Instants are epoch milliseconds. A malformed item is an {@link IllegalArgumentException} naming the attribute,
 * never its value.
 */
final class CertificateItem {

    static final String SERIAL = "serial";
    static final String SUBJECT = "subject";
    static final String SAN_URI = CertificatesTable.SAN_URI;
    static final String DEVELOPER_ID = "developerId";
    static final String CERTIFICATE = "certificate";
    static final String METADATA = "metadata";
    static final String REQUESTER = "requester";
    static final String ISSUED_AT = "issuedAt";
    static final String NOT_AFTER = "notAfter";
    static final String REVOKED_AT = "revokedAt";
    static final String REASON = "revocationReason";
    static final String REVOKED_BY = "revokedBy";
    static final String CRL_NUMBER = "crlNumber";
    static final String THIS_UPDATE = "thisUpdate";
    static final String NEXT_UPDATE = "nextUpdate";
    static final String DER = "der";

    private CertificateItem() {}

    static Map<String, AttributeValue> key(String caName, String sortKey) {
        return Map.of(CertificatesTable.KEY, textValue(CertificatesTable.CA_PREFIX + caName),
                CertificatesTable.SORT_KEY, textValue(sortKey));
    }

    static Map<String, AttributeValue> certificateKey(String caName, String serial) {
        return key(caName, CertificatesTable.CERTIFICATE_PREFIX + serial);
    }

    static Map<String, AttributeValue> write(IssuedCertificate certificate) {
        Map<String, AttributeValue> item = new HashMap<>(certificateKey(certificate.caName(), certificate.serial()));
        item.put(SERIAL, textValue(certificate.serial()));
        item.put(SUBJECT, textValue(certificate.subject()));
        item.put(SAN_URI, textValue(certificate.sanUri()));
        item.put(CERTIFICATE, textValue(certificate.certificate()));
        item.put(METADATA, textValue(certificate.metadata()));
        item.put(REQUESTER, textValue(certificate.requester()));
        item.put(ISSUED_AT, numberValue(certificate.issuedAt().toEpochMilli()));
        item.put(NOT_AFTER, numberValue(certificate.notAfter().toEpochMilli()));
        if (certificate.developerId() != null) {
            item.put(DEVELOPER_ID, textValue(certificate.developerId()));
        }
        certificate.revoked().ifPresent(r -> item.putAll(revocation(r)));
        return item;
    }

    /** The attributes a revocation adds to a certificate item. */
    static Map<String, AttributeValue> revocation(IssuedCertificate.Revocation revocation) {
        return Map.of(REVOKED_AT, numberValue(revocation.at().toEpochMilli()),
                REASON, textValue(revocation.reason().code()), REVOKED_BY, textValue(revocation.requester()));
    }

    static IssuedCertificate read(String caName, Map<String, AttributeValue> attributes) {
        StoredItem item = new StoredItem(attributes);
        Long revokedAt = item.optionalNumber(REVOKED_AT);
        IssuedCertificate.Revocation revocation = revokedAt == null ? null : new IssuedCertificate.Revocation(
                Instant.ofEpochMilli(revokedAt), reason(item), item.text(REVOKED_BY));
        return new IssuedCertificate(caName, item.text(SERIAL), item.text(SUBJECT), item.text(SAN_URI),
                item.text(CERTIFICATE), item.text(METADATA), item.text(REQUESTER),
                Instant.ofEpochMilli(item.number(ISSUED_AT)), Instant.ofEpochMilli(item.number(NOT_AFTER)), revocation,
                item.optionalText(DEVELOPER_ID));
    }

    /** The authority's name from a certificate item's partition key ({@code CA#<name>}). */
    static String caName(Map<String, AttributeValue> attributes) {
        String key = new StoredItem(attributes).text(CertificatesTable.KEY);
        if (!key.startsWith(CertificatesTable.CA_PREFIX)) {
            throw new IllegalArgumentException("attribute " + CertificatesTable.KEY + " is not a CA partition");
        }
        return key.substring(CertificatesTable.CA_PREFIX.length());
    }

    static Map<String, AttributeValue> writeRevoked(String caName, RevokedCertificate entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(caName, CertificatesTable.REVOKED_PREFIX + entry.serial()));
        item.put(SERIAL, textValue(entry.serial()));
        item.put(REVOKED_AT, numberValue(entry.revokedAt().toEpochMilli()));
        item.put(REASON, textValue(entry.reason().code()));
        return item;
    }

    static RevokedCertificate readRevoked(Map<String, AttributeValue> attributes) {
        StoredItem item = new StoredItem(attributes);
        return new RevokedCertificate(item.text(SERIAL), Instant.ofEpochMilli(item.number(REVOKED_AT)), reason(item));
    }

    static Map<String, AttributeValue> writeCrl(String caName, CrlDocument crl) {
        Map<String, AttributeValue> item = new HashMap<>(key(caName, CertificatesTable.CRL));
        item.put(CRL_NUMBER, AttributeValue.fromN(crl.number().toString()));
        item.put(THIS_UPDATE, numberValue(crl.thisUpdate().toEpochMilli()));
        item.put(NEXT_UPDATE, numberValue(crl.nextUpdate().toEpochMilli()));
        item.put(DER, AttributeValue.fromB(SdkBytes.fromByteArray(crl.der())));
        return item;
    }

    static CrlDocument readCrl(Map<String, AttributeValue> attributes) {
        StoredItem item = new StoredItem(attributes);
        AttributeValue number = attributes.get(CRL_NUMBER);
        AttributeValue der = attributes.get(DER);
        if (number == null || number.n() == null || der == null || der.b() == null) {
            throw new IllegalArgumentException("attribute " + CRL_NUMBER + " or " + DER + " is missing");
        }
        return new CrlDocument(new BigInteger(number.n()), Instant.ofEpochMilli(item.number(THIS_UPDATE)),
                Instant.ofEpochMilli(item.number(NEXT_UPDATE)), der.b().asByteArray());
    }

    private static RevocationReason reason(StoredItem item) {
        return RevocationReason.parse(item.text(REASON))
                .orElseThrow(() -> new IllegalArgumentException("attribute " + REASON + " is not a reason code"));
    }
}
