package health.registration.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PagePrimingTest {

    @Test
    void primingServesThePageAnAssetARevalidationAndAMissingFile() {
        PageFiles files = PageFiles.load("https://manual.example.org/register");
        PagePriming priming = new PagePriming(new PageHandler(files), files.page().etag());

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("200", "200", "304", "404");
    }
}
