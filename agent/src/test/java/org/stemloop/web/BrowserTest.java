package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium against a real agent: an operator logs in, sees a live frame
 * with its atoms and the agent's own Pareto front of it, points at an option (its atoms preview on the
 * frame) and approves it; the control message reaches MQTT, the agent applies it (the page says so) and
 * the next frame's detections carry its parameters; the decision is in the database. A viewer cannot
 * approve.
 */
@Tag("integration")
class BrowserTest {

    /** Where the screenshot of the live view goes (docs/img/live-view.png is a copy of it). */
    static final Path SCREENSHOT = Path.of("target", "screenshots", "live-view.png");

    @TempDir
    static Path dir;
    private static WebFixture fx;
    /** The agent's own Pareto front of frame b-1, as it published it. */
    private static JsonNode front;
    private ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        // the agent sorts atoms into classes: the live view colours them and shows the legend
        fx = WebFixture.start(dir, org.stemloop.cluster.ClassSettings.AUTO);
        front = fx.publishOptimisedFrame("b-1", 21);
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
    void anOperatorSeesTheLiveFramePreviewsAnOptionAndApprovesIt() throws Exception {
        browser = Chromium.start();
        logIn(WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(WebFixture.WAIT_S));

        wait.until(b -> Boolean.TRUE.equals(browser.executeScript(
                "const i = document.getElementById('frame'); return i.complete && i.naturalWidth === 128;")));
        wait.until(b -> browser.findElement(By.id("n-atoms")).getText().matches("\\d+"));
        assertThat(Integer.parseInt(browser.findElement(By.id("n-atoms")).getText())).isGreaterThan(50);
        assertThat(browser.findElement(By.id("frame-id")).getText()).startsWith("b-1");
        assertThat(overlayPixels("#00e5ff")).as("LoG* circles drawn on the overlay").isPositive();
        JsonNode b1 = fx.awaitDetections("b-1");
        int classes = b1.get("class_counts").size();
        wait.until(b -> browser.findElements(By.cssSelector("#class-legend .class-entry")).size() == classes);
        assertThat(browser.findElement(By.id("class-legend")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("class-legend")).getText()).contains("Classes:",
                "class 0 (" + b1.get("class_counts").get(0).asInt() + ")", "class 1 (");
        assertThat(overlayPixels("#ffeb3b")).as("class 1's atoms drawn in its own colour").isPositive();

        int n = front.get("options").size();
        wait.until(b -> browser.findElements(By.cssSelector("#options tbody tr")).size() == n);
        JsonNode option = WebApiTest.otherThanServed(front, fx.awaitDetections("b-1"));
        String id = option.get("id").asText();
        // options with equal rewards share a point of the plot: any of them may be the one under the mouse
        List<String> atThatPoint = new java.util.ArrayList<>();
        for (JsonNode o : front.get("options")) {
            if (o.get("rewards").equals(option.get("rewards"))) {
                atThatPoint.add(o.get("id").asText());
            }
        }
        hoverPoint(Integer.parseInt(id));
        wait.until(b -> atThatPoint.stream().anyMatch(o -> browser.findElement(By.id("preview-info")).getText()
                .contains("option " + o + " finds")));
        assertThat(overlayPixels("#ff2fd6")).as("the option's atoms previewed on the frame").isPositive();

        browser.findElement(By.cssSelector("#options tbody tr[data-option='" + id + "']")).click();
        wait.until(b -> browser.findElement(By.id("preview-info")).getText()
                .contains("option " + id + " finds " + option.get("n_atoms").asInt() + " atoms on frame b-1"));
        WebElement approve = browser.findElement(By.id("approve"));
        wait.until(b -> approve.isEnabled());
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        approve.click();

        JsonNode sent = fx.awaitControl(m -> m.path("action").asText().equals("choose"), "action choose");
        assertThat(sent.get("option").asText()).isEqualTo(id);
        assertThat(sent.get("by").asText()).isEqualTo(WebFixture.OPERATOR);
        wait.until(b -> browser.findElement(By.id("pending")).getText().contains("option " + id));
        assertThat(browser.findElement(By.id("pending")).getText()).contains("approved by operator");
        // the agent re-announces its front with the choice applied: the page says so and marks it in use
        wait.until(b -> browser.findElement(By.id("pending")).getText().startsWith("Applied: option " + id));
        wait.until(b -> browser.findElement(By.cssSelector("#options tbody tr[data-option='" + id + "']")).getText()
                .contains("in use"));
        // the next frame is analysed with the chosen parameters, and the page names that frame
        fx.publishFrameAndAwaitDetections("b-2", 22);
        assertThat(fx.awaitDetections("b-2").get("params")).isEqualTo(option.get("params"));
        wait.until(b -> browser.findElement(By.id("pending")).getText().contains("since frame b-2"));
        assertThat(fx.decisions()).anySatisfy(d -> {
            assertThat(d.action()).isEqualTo("choose");
            assertThat(d.actor()).isEqualTo(WebFixture.OPERATOR);
            assertThat(d.optionId()).isEqualTo(id);
        });

        browser.findElement(By.cssSelector(".tab[data-tab='history']")).click();
        wait.until(b -> browser.findElements(By.cssSelector("#decisions tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("operator") && r.getText().contains("choose")));
        String csvOfB1 = "/api/runs/" + fx.agent.runId() + "/frames/b-1/detections.csv";
        wait.until(b -> browser.findElements(By.cssSelector("#frames tbody a")).stream()
                .anyMatch(a -> a.getText().equals("CSV") && String.valueOf(a.getAttribute("href")).contains(csvOfB1)));
    }

    @Test
    void aViewerWatchesButCannotApprove() throws Exception {
        browser = Chromium.start();
        logIn(WebFixture.VIEWER, WebFixture.VIEWER_PASSWORD);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(WebFixture.WAIT_S));
        wait.until(b -> browser.findElements(By.cssSelector("#options tbody tr")).size() == front.get("options").size());
        String id = front.get("options").get(0).get("id").asText();
        browser.findElement(By.cssSelector("#options tbody tr[data-option='" + id + "']")).click();

        assertThat(browser.findElement(By.id("approve")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("pause")).isDisplayed()).as("operator controls hidden").isFalse();
        Object status = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/choices', {method: 'POST', headers: {'Content-Type': 'application/json',"
                + " 'X-CSRF-Token': stemloop.me.csrf}, body: JSON.stringify({option_id: arguments[0],"
                + " version: stemloop.state.version})}).then(r => done(r.status));", id);
        assertThat(((Number) status).intValue()).as("the API refuses a viewer's approval").isEqualTo(403);
    }

    @Test
    void aWrongPasswordStaysOnTheLoginPage() {
        browser = Chromium.start();
        browser.get(fx.base() + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login.html");
        browser.findElement(By.id("username")).sendKeys(WebFixture.VIEWER);
        browser.findElement(By.id("password")).sendKeys("not-it");
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(b -> browser.findElement(By.id("message")).getText().contains("wrong"));
        assertThat(browser.getCurrentUrl()).endsWith("/login.html");
    }

    private void logIn(String user, String password) {
        browser.get(fx.base() + "/");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(WebFixture.WAIT_S))
                .until(b -> browser.findElement(By.id("who")).getText().startsWith(user));
    }

    /** Moves the real mouse onto the scatter point of option {@code id}. */
    @SuppressWarnings("unchecked")
    private void hoverPoint(int id) {
        WebElement chart = browser.findElement(By.id("pareto-chart"));
        List<Number> xy = (List<Number>) browser.executeScript("const o = stemloop.state.pareto.options"
                + ".find(o => String(o.id) === arguments[0]);"
                + "return stemloop.chart.convertToPixel({seriesIndex: 0}, [o.rewards.qc, o.rewards.er]);",
                String.valueOf(id));
        int dx = (int) Math.round(xy.get(0).doubleValue() - chart.getSize().getWidth() / 2.0);
        int dy = (int) Math.round(xy.get(1).doubleValue() - chart.getSize().getHeight() / 2.0);
        new Actions(browser).moveToElement(chart, dx, dy).pause(Duration.ofMillis(200)).perform();
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
