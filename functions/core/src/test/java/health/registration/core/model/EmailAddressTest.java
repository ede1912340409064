package health.registration.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "dev@example.com                  | dev@example.com",
        "Dev.Ops+fhir@Mail.Example.COM    | Dev.Ops+fhir@mail.example.com",
        "mailto:dev@example.com           | dev@example.com",
        "MAILTO:dev@example.com           | dev@example.com",
        "dev@example.com.                 | dev@example.com",
        "dev@bücher.de                    | dev@xn--bcher-kva.de",
        "dev@xn--bcher-kva.de             | dev@xn--bcher-kva.de",
        "o'brien@example.ie               | o'brien@example.ie",
    })
    void acceptsBareAndMailtoAddresses(String contact, String address) {
        Parsed<EmailAddress> parsed = EmailAddress.parse(contact);

        assertThat(parsed.isOk()).as(parsed.problem()).isTrue();
        assertThat(parsed.value().address()).isEqualTo(address);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Dev <dev@example.com>                  | display name",
        "dev@example.com (Dev)                  | comment",
        "\"dev\"@example.com                    | quoted local part",
        "\"a@b\"@example.com                    | quoted local part",
        "dev@[192.168.0.1]                      | address literal",
        "dev@localhost                          | domain",
        "dev@example                            | domain",
        "dev@corp.local                         | domain",
        "dev@-example.com                       | domain",
        "dev@                                   | name@domain",
        "@example.com                           | name@domain",
        "devexample.com                         | name@domain",
        ".dev@example.com                       | a valid email address",
        "de..v@example.com                      | a valid email address",
        "dév@example.com                        | ASCII",
        "d ev@example.com                       | ASCII",
        "d\u007fev@example.com                  | ASCII",
        "mailto:dev@example.com?subject=hi      | header fields",
        "mailto:dev%40example.com               | header fields",
        "mailto:a@example.com,b@example.com     | header fields",
        "dev@exa mple.com                       | domain",
    })
    void refusesWhatIsNotAPlainAddrSpec(String contact, String problem) {
        Parsed<EmailAddress> parsed = EmailAddress.parse(contact);

        assertThat(parsed.isOk()).isFalse();
        assertThat(parsed.problem()).contains(problem);
    }

    @ParameterizedTest(name = "local part of {0} characters -> ok={1}")
    @CsvSource({"64, true", "65, false"})
    void limitsTheLocalPartTo64Characters(int length, boolean ok) {
        assertThat(EmailAddress.parse("a".repeat(length) + "@example.com").isOk()).isEqualTo(ok);
    }

    @ParameterizedTest(name = "address of {0} characters -> ok={1}")
    @CsvSource({"254, true", "255, false"})
    void limitsTheAddressTo254Characters(int length, boolean ok) {
        String label = "a".repeat(63);
        String domain = String.join(".", label, label, "b".repeat(length - 197)) + ".com";
        String address = "c".repeat(64) + "@" + domain;

        assertThat(address).hasSize(length);
        Parsed<EmailAddress> parsed = EmailAddress.parse(address);
        assertThat(parsed.isOk()).as(parsed.problem()).isEqualTo(ok);
        if (!ok) {
            assertThat(parsed.problem()).contains("a valid email address");
        }
    }
}
