package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 19 in a real headless Chromium against a real agent: the options are distinct readings with what
 * each means; the preview of one draws what it changes against the option in use; an operator approves a
 * non-recommended option, the page waits for the agent's confirmation, later frames use it, the history
 * shows it, logging out ends the session; an expired session goes to the login page and back.
 */
@Tag("integration")
class ChoicesBrowserTest {

    /** Where the screenshot of an explained option goes (docs/img/options-explained.png is a copy). */
    static final Path SCREENSHOT = Path.of("target", "screenshots", "options-explained.png");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static WebFixture fx;
    private static JsonNode front;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        fx = WebFixture.start(dir);
        front = fx.publishOptimisedFrame("x-1", 21);
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
    void anOperatorChoosesANonRecommendedOptionSeesWhatItChangesAndLaterFramesUseIt() throws Exception {
        JsonNode options = front.get("options");
        assertThat(options.size()).as("distinct readings on the ambiguous frame: %s", front).isGreaterThan(1);
        JsonNode served = fx.awaitDetections("x-1");
        String recommended = front.get("recommended").asText();
        JsonNode option = null;
        for (JsonNode o : options) {
            if (!o.get("id").asText().equals(recommended) && !o.get("params").equals(served.get("params"))) {
                option = o;
            }
        }
        assertThat(option).as("a non-recommended option not in use").isNotNull();
        String id = option.get("id").asText();
        logIn();

        wait.until(b -> browser.findElements(By.cssSelector("#options tbody tr")).size() == options.size());
        for (JsonNode o : options) {
            assertThat(o.get("label").asText()).as("option %s says what it means", o.get("id")).isNotBlank();
            assertThat(row(o.get("id").asText())).contains(o.get("label").asText().split("; ")[0]);
        }
        assertThat(browser.findElement(By.id("options-summary")).getText())
                .contains(options.size() + " distinct readings");

        browser.findElement(By.cssSelector("#options tbody tr[data-option='" + id + "']")).click();
        wait.withMessage(() -> "explain-info says: " + browser.findElement(By.id("explain-info")).getText()
                        + "; preview-info: " + browser.findElement(By.id("preview-info")).getText()
                        + "; in use per the page: " + browser.executeScript("return stemOptions.inUse(stemloop.state);"))
                .until(b -> browser.findElement(By.id("explain-info")).getText()
                        .contains("Option " + id + " against option " + recommended + " in use"));
        String legend = browser.findElement(By.id("explain-info")).getText();
        // what the page drew is what the server explains for that option against the one in use
        String answer = (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/pareto/options/' + arguments[0] + '/explain?against=' + arguments[1])"
                + ".then(r => r.text().then(t => done(r.status + ' ' + t)));", id, recommended);
        assertThat(answer).as("the explain API").startsWith("200 ");
        JsonNode why = JSON.readTree(answer.substring(4));
        assertThat(why.get("frame_id").asText()).isEqualTo("x-1");
        int added = why.get("added").size();
        int dropped = why.get("dropped").size();
        assertThat(added + dropped).as("a distinct reading adds or drops atoms: %s", why).isPositive();
        assertThat(legend).as("the page's legend against %s", answer).contains(added + " atoms added", dropped + " dropped",
                why.get("crowded_pairs").size() + " crowded pairs");
        if (added > 0) {
            assertThat(overlayPixels("#39ff14")).as("added atoms drawn in green").isPositive();
        }
        if (dropped > 0) {
            assertThat(overlayPixels("#ff1744")).as("dropped atoms drawn in red").isPositive();
        }
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

        // every text the pending line shows, from the click on: "waiting for the agent" until it confirms
        browser.executeScript("window.pendingTexts = []; const el = document.getElementById('pending');"
                + "new MutationObserver(() => pendingTexts.push(el.textContent))"
                + ".observe(el, {childList: true, characterData: true, subtree: true});");
        browser.findElement(By.id("approve")).click();
        JsonNode sent = fx.awaitControl(m -> m.path("action").asText().equals("choose"), "action choose");
        assertThat(sent.get("option").asText()).isEqualTo(id);
        wait.until(b -> browser.findElement(By.id("pending")).getText().startsWith("Applied: option " + id));
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) browser.executeScript("return window.pendingTexts;");
        assertThat(texts.get(0)).contains("option " + id, "waiting for the agent");
        fx.publishFrameAndAwaitDetections("x-2", 22);
        assertThat(fx.awaitDetections("x-2").get("params")).isEqualTo(option.get("params"));
        wait.until(b -> browser.findElement(By.id("pending")).getText().contains("since frame x-2"));

        browser.findElement(By.cssSelector(".tab[data-tab='history']")).click();
        wait.until(b -> browser.findElements(By.cssSelector("#decisions tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("operator") && r.getText().contains("choose")
                        && r.getText().contains("x-1")));

        browser.findElement(By.id("logout")).click();
        wait.until(b -> browser.getCurrentUrl().contains("/login.html"));
        Object me = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/me', {credentials: 'same-origin'}).then(r => done(r.status));");
        assertThat(((Number) me).intValue()).as("the session ended at logout").isEqualTo(401);
    }

    @Test
    void anExpiredSessionGoesToTheLoginPageAndBackToWhereTheUserWas() {
        logIn();
        browser.findElement(By.cssSelector(".tab[data-tab='history']")).click();
        wait.until(b -> browser.getCurrentUrl().endsWith("/#history"));
        // the server no longer knows this browser's session, as after the idle timeout
        browser.manage().deleteCookieNamed("stemloop.session");
        try {
            // the next API call of the page answers 401 (the history's own requests may be first)
            browser.executeScript("document.querySelector(\".tab[data-tab='history']\").click();");
        } catch (org.openqa.selenium.WebDriverException alreadyLeaving) {
            // the page is already on its way to the login page
        }
        wait.until(b -> browser.getCurrentUrl().contains("/login.html?next="));
        assertThat(browser.getCurrentUrl()).endsWith("?next=%2F%23history");
        fillLogin();
        wait.until(b -> browser.getCurrentUrl().endsWith("/#history"));
        wait.until(b -> browser.findElement(By.id("history")).isDisplayed()
                && !browser.findElements(By.cssSelector("#runs tbody tr")).isEmpty());
        assertThat(browser.findElement(By.id("live")).isDisplayed()).isFalse();
    }

    private void logIn() {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(WebFixture.WAIT_S));
        browser.get(fx.base() + "/");
        fillLogin();
        wait.until(b -> browser.findElement(By.id("who")).getText().startsWith(WebFixture.OPERATOR));
    }

    private void fillLogin() {
        wait.until(b -> !b.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(WebFixture.OPERATOR);
        browser.findElement(By.id("password")).sendKeys(WebFixture.OPERATOR_PASSWORD);
        browser.findElement(By.id("submit")).click();
    }

    private String row(String id) {
        return browser.findElement(By.cssSelector("#options tbody tr[data-option='" + id + "']")).getText();
    }

    /** How many overlay pixels are nearly this colour (each channel within 40, mostly opaque). */
    private long overlayPixels(String hex) {
        Object n = browser.executeScript("const c = document.getElementById('overlay');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const r = parseInt(arguments[0].substr(1, 2), 16), g = parseInt(arguments[0].substr(3, 2), 16),"
                + " b = parseInt(arguments[0].substr(5, 2), 16); let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) { if (Math.abs(d[i] - r) < 40 && Math.abs(d[i + 1] - g) < 40"
                + " && Math.abs(d[i + 2] - b) < 40 && d[i + 3] > 150) n++; } return n;", hex);
        return ((Number) n).longValue();
    }
}
