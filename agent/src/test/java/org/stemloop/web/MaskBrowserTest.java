package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stemloop.testsupport.HoledFrames;

/**
 * Issue 15 in a real headless Chromium against a real agent: a frame with a vacuum hole comes in, the agent
 * masks it, and the live view tints the masked cells (the "Crystal mask" layer, which a click turns off and on)
 * and shows the masked fraction.
 */
@Tag("integration")
class MaskBrowserTest {

    /** The mask's tint on the dark frame: mostly blue. */
    private static final String MASKED_PIXELS = "const c = document.getElementById('overlay');"
            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
            + "for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 60 && d[i + 2] > 200 && d[i] < 90 && d[i + 1] < 150) n++; }"
            + "return n;";

    @TempDir
    static Path dir;
    private static WebFixture fx;
    private ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        fx = WebFixture.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aFrameWithAHoleShowsItsMaskAsALayer() throws Exception {
        fx.publishFrame("hole-1", HoledFrames.graphene(256, 80, 7).frame());
        JsonNode d = fx.awaitDetections("hole-1");
        double masked = d.get("masked_fraction").asDouble();
        assertThat(masked).as("the agent masked the hole").isGreaterThan(0.1);

        browser = Chromium.start();
        browser.get(fx.base() + "/");
        browser.findElement(By.id("username")).sendKeys(WebFixture.VIEWER);
        browser.findElement(By.id("password")).sendKeys(WebFixture.VIEWER_PASSWORD);
        browser.findElement(By.id("submit")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(WebFixture.WAIT_S));
        wait.until(b -> browser.findElement(By.id("frame-id")).getText().startsWith("hole-1"));
        wait.until(b -> Boolean.TRUE.equals(browser.executeScript(
                "const i = document.getElementById('frame'); return i.complete && i.naturalWidth === 256;")));
        String shown = String.format(java.util.Locale.ROOT, "%.1f %%", 100 * masked);
        wait.until(b -> browser.findElement(By.id("masked-fraction")).getText().startsWith(shown));
        assertThat(browser.findElement(By.id("masked-fraction")).getText()).contains("cells of "
                + d.get("mask").get("cell").asInt() + " px");

        // the masked cells tinted: about the masked fraction of the frame's pixels
        wait.until(b -> masked() > 0);
        assertThat(masked()).isBetween((long) (0.5 * masked * 256 * 256), (long) (1.2 * masked * 256 * 256));
        browser.findElement(By.id("layer-mask")).click();
        wait.until(b -> masked() == 0);
        browser.findElement(By.id("layer-mask")).click();
        wait.until(b -> masked() > 0);
    }

    private long masked() {
        return ((Number) browser.executeScript(MASKED_PIXELS)).longValue();
    }
}
