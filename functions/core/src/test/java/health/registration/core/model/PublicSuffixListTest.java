package health.registration.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.common.net.InternetDomainName;
import com.google.thirdparty.publicsuffix.PublicSuffixPatterns;
import health.registration.core.model.PublicSuffixList.Section;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code public-suffix-list.txt} is Guava's Public Suffix List written out, and {@link PublicSuffixList} finds in it
 * the suffixes Guava's {@code InternetDomainName} finds. When Guava (and with it the list) is updated, this fails
 * until the file is written again, from the repository root, with:
 * <pre>mvn -q -B -o -pl functions/core -am test -Dtest=PublicSuffixListTest -Dsurefire.failIfNoSpecifiedTests=false -Dpublicsuffixes.write=true</pre>
 */
class PublicSuffixListTest {

    private static final Path FILE = Path.of("src/main/resources/health/registration/core/model", PublicSuffixList.RESOURCE);

    @Test
    void theFileIsGuavasList() throws Exception {
        String written = guavasList();
        if (Boolean.getBoolean("publicsuffixes.write")) {
            Files.writeString(FILE, written, StandardCharsets.UTF_8);
        }
        if (!written.equals(Files.readString(FILE, StandardCharsets.UTF_8))) {
            fail(FILE + " is not the Public Suffix List of the Guava on the class path; write it again as this"
                    + " class's Javadoc says");
        }
    }

    @Test
    void findsEverySuffixAsGuavaDoes() throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : guavasList().split("\n")) {
            if (line.isEmpty() || line.startsWith("//") || line.startsWith("===")) {
                continue;
            }
            String rule = line.replaceFirst("^[!]", "").replace("*", "any");
            names.addAll(List.of(rule, "a." + rule, "b.a." + rule, "c.b.a." + rule));
        }
        names.addAll(List.of("com", "example.com", "unknown", "a.unknown", "a.b.unknown"));
        assertThat(names).hasSizeGreaterThan(30_000);
        for (String name : names) {
            InternetDomainName guava = InternetDomainName.from(name);
            List<String> labels = List.of(name.split("\\."));
            assertThat(PublicSuffixList.SHARED.suffixIndex(labels, null)).as(name + " in either section")
                    .isEqualTo(guava.hasPublicSuffix() ? labels.size() - guava.publicSuffix().parts().size() : -1);
            assertThat(PublicSuffixList.SHARED.suffixIndex(labels, Section.ICANN)).as(name + " in the ICANN section")
                    .isEqualTo(guava.hasRegistrySuffix() ? labels.size() - guava.registrySuffix().parts().size() : -1);
        }
    }

    @ParameterizedTest(name = "{0} -> {1} in either section, {2} in the ICANN section, {3} in the private one")
    @CsvSource({
        // An exact rule; a name under no rule has none.
        "example.com,           1,  1, -1",
        "com,                   0,  0, -1",
        "example.unknown,      -1, -1, -1",
        // A wildcard makes every child a suffix; an exception gives its parent back, whatever the section.
        "a.b.ck,                1,  1, -1",
        "b.ck,                  0,  0, -1",
        "a.www.ck,              2,  2,  2",
        "www.ck,                1,  1,  1",
        // A suffix with an exact and a wildcard rule is a suffix itself, and so is every child of it.
        "foo,                   0,  0, -1",
        "a.foo,                 0,  0, -1",
        "b.a.foo,               1,  1, -1",
        // Private rules under an ICANN suffix, one of them a wildcard below a node that is no rule (example.io).
        "alice.github.io,       1,  2,  1",
        "github.io,             0,  1,  0",
        "x.y.cloud.example.io,  1,  4,  1",
        "y.cloud.example.io,    0,  3,  0",
        "z.example.io,          2,  2, -1",
    })
    void findsTheSuffixAsTheRulesSay(String name, int either, int icann, int privateSection) throws IOException {
        PublicSuffixList list = PublicSuffixList.read(new StringReader("""
                // a list in the file's form
                ===ICANN===
                com
                io
                *.ck
                !www.ck
                foo
                *.foo

                ===PRIVATE===
                github.io
                *.cloud.example.io
                """));
        List<String> labels = List.of(name.split("\\."));

        assertThat(list.suffixIndex(labels, null)).isEqualTo(either);
        assertThat(list.suffixIndex(labels, Section.ICANN)).isEqualTo(icann);
        assertThat(list.suffixIndex(labels, Section.PRIVATE)).isEqualTo(privateSection);
    }

    @Test
    void theFilesListHasTheListsOwnExamples() {
        // publicsuffix.org's own examples ("Format"): *.ck and !www.ck; github.io in the private section.
        assertThat(PublicSuffixList.SHARED.suffixIndex(List.of("www", "ck"), null)).isEqualTo(1);
        assertThat(PublicSuffixList.SHARED.suffixIndex(List.of("b", "a", "ck"), null)).isEqualTo(1);
        assertThat(PublicSuffixList.SHARED.suffixIndex(List.of("alice", "github", "io"), null)).isEqualTo(1);
        assertThat(PublicSuffixList.SHARED.suffixIndex(List.of("alice", "github", "io"), Section.ICANN)).isEqualTo(2);
    }

    /** The rules of Guava's trie (PublicSuffixPatterns.TRIE; its node layout is described in PublicSuffixTrie). */
    private static String guavasList() throws ReflectiveOperationException {
        String trie = field("trieData").toString();
        String pool = field("stringPool").toString();
        TreeSet<String> icann = new TreeSet<>();
        TreeSet<String> privateSection = new TreeSet<>();
        walk(trie, pool, 0, "", icann, privateSection);
        return "// The Public Suffix List (publicsuffix.org) as Guava carries it (PublicSuffixPatterns), written by\n"
                + "// PublicSuffixListTest, read by PublicSuffixList.\n"
                + "// An exception (!) is listed with the ICANN rules; it applies whatever the section.\n"
                + PublicSuffixList.ICANN_SECTION + "\n" + String.join("\n", icann) + "\n"
                + PublicSuffixList.PRIVATE_SECTION + "\n" + String.join("\n", privateSection) + "\n";
    }

    private static void walk(String trie, String pool, int node, String parent, TreeSet<String> icann,
            TreeSet<String> privateSection) {
        int first = trie.charAt(node * 3 + 1);
        int children = trie.charAt(node * 3 + 2) & 0x7FF;
        for (int child = first; child < first + children; child++) {
            int offset = trie.charAt(child * 3);
            String label = pool.substring(offset + 1, offset + 1 + pool.charAt(offset));
            String suffix = parent.isEmpty() ? label : label + "." + parent;
            int bits = trie.charAt(child * 3 + 2);
            if ((bits >> 11 & 1) != 0) {
                icann.add("!" + suffix);
            }
            add(bits >> 14 & 3, suffix, icann, privateSection);
            add(bits >> 12 & 3, "*." + suffix, icann, privateSection);
            walk(trie, pool, child, suffix, icann, privateSection);
        }
    }

    private static void add(int type, String rule, TreeSet<String> icann, TreeSet<String> privateSection) {
        if (type == 1) {
            icann.add(rule);
        } else if (type == 2) {
            privateSection.add(rule);
        }
    }

    private static Object field(String name) throws ReflectiveOperationException {
        Field field = PublicSuffixPatterns.TRIE.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(PublicSuffixPatterns.TRIE);
    }
}
