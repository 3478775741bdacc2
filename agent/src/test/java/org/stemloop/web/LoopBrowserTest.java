package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.twin.DigitalTwin;

/**
 * Issue 20's supervised check in a real headless Chromium: the agent (supervised) and its web UI, the digital twin
 * imaging graphene with Si dopants and answering acquisition requests, and an outside Paho client recording
 * {@code poi}, {@code acquire}, {@code spectra} and {@code sites}. Nothing reaches {@code acquire} while the
 * request waits in the page; the operator unticks a point and approves; the request goes out with exactly the
 * ticked positions, the twin's spectra come back, and the page plots them with the sites they confirm. The
 * approval is audited by the web UI and recorded by the agent.
 */
@Tag("integration")
class LoopBrowserTest {

    /** Where the screenshot of the loop panel goes (docs/img/loop-view.png is a copy). */
    static final Path SCREENSHOT = Path.of("target", "screenshots", "loop-view.png");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The twin's frames take the agent's first optimisation: longer than the fixture's wait on a loaded machine. */
    private static final int WAIT_S = Math.max(90, WebFixture.WAIT_S);

    @TempDir
    Path dir;
    private WebFixture fx;
    private DigitalTwin twin;
    private MqttClient recorder;
    private ChromeDriver browser;
    private final List<String[]> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (twin != null) {
            twin.close();
        }
        if (recorder != null) {
            recorder.disconnect();
            recorder.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void nothingGoesToAcquireUntilAnOperatorApprovesInTheBrowserThenSpectraAndSitesShow() throws Exception {
        Chromium.requireInstalled();
        fx = WebFixture.start(dir);
        recorder = new MqttClient(WebFixture.broker().url(), "loop-recorder-" + fx.topics.instrument(),
                new MemoryPersistence());
        recorder.connect(new MqttConnectionOptions());
        String[] topics = {fx.topics.poi(), fx.topics.acquire(), fx.topics.spectra(), fx.topics.sites(),
                fx.topics.errors()};
        IMqttMessageListener record = (t, m) -> heard.add(new String[] {t, new String(m.getPayload(),
                StandardCharsets.UTF_8)});
        recorder.subscribe(java.util.Arrays.stream(topics).map(t -> new MqttSubscription(t, 1))
                .toArray(MqttSubscription[]::new), java.util.Collections.nCopies(topics.length, record)
                .toArray(IMqttMessageListener[]::new));
        SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, 128).withNoiseLevel(0.1).withSeed(4)
                .withDefects(Defects.NONE.withDopants(0.03).withVacancies(0.01));
        twin = DigitalTwin.start(WebFixture.broker().url(), fx.topics, spec, 0.5, 3);

        browser = Chromium.start();
        browser.manage().window().setSize(new Dimension(1400, 1400));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(WAIT_S));
        browser.get(fx.base() + "/");
        wait.until(b -> !b.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(WebFixture.OPERATOR);
        browser.findElement(By.id("password")).sendKeys(WebFixture.OPERATOR_PASSWORD);
        browser.findElement(By.id("submit")).click();
        wait.until(b -> b.findElement(By.id("who")).getText().startsWith(WebFixture.OPERATOR));

        // a pending request in the page, its positions each with a checkbox
        wait.withMessage(() -> "no pending request in the page; heard: " + summary())
                .until(b -> b.findElements(By.cssSelector("#loop-positions tbody tr input:enabled")).size() >= 2);
        JsonNode firstPoi = await(fx.topics.poi(), p -> p.path("request").isObject(), "a poi with a request");
        assertThat(firstPoi.get("request").get("state").asText()).isEqualTo("pending");
        // points of interest on the frame shown, with a tooltip naming score and reason
        wait.until(b -> ((Number) browser.executeScript("const s = stemloop.state; const l = stemLoop.loop;"
                + "return l && s.frame && l.frame_id === s.frame.frame_id ? l.points.length : 0;")).intValue() > 0);
        String tooltip = (String) browser.executeScript("const p = stemLoop.loop.points[0];"
                + "const c = document.getElementById('overlay'); const r = c.getBoundingClientRect();"
                + "c.dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: r.left + p.col * r.width / c.width,"
                + " clientY: r.top + p.row * r.height / c.height}));"
                + "const t = document.getElementById('loop-tooltip'); return t.hidden ? '' : t.textContent;");
        assertThat(tooltip).contains("score", "p");
        Thread.sleep(3_000); // the agent has had time to send, were it going to
        assertThat(messages(fx.topics.acquire())).as("nothing on acquire before the approval").isEmpty();

        // untick the second position (the page then keeps this request in view), approve the rest
        // the table is redrawn with every state event: a click on an element just replaced is tried again
        for (int attempt = 0; ; attempt++) {
            try {
                browser.findElements(By.cssSelector("#loop-positions tbody tr input")).get(1).click();
                break;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                assertThat(attempt).as("clicks on a redrawn table").isLessThan(10);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object> seen = (List<Object>) browser.executeScript("const rows = [...document.querySelectorAll("
                + "'#loop-positions tbody tr')]; return [document.querySelector('#loop-requests tbody tr.selected')"
                + ".dataset.request, rows.filter(r => r.querySelector('input').checked).map(r => r.dataset.poi),"
                + " rows.filter(r => !r.querySelector('input').checked).map(r => r.dataset.poi)];");
        String requestId = (String) seen.get(0);
        @SuppressWarnings("unchecked")
        Set<String> ticked = Set.copyOf((List<String>) seen.get(1));
        @SuppressWarnings("unchecked")
        List<String> untickedList = (List<String>) seen.get(2);
        assertThat(untickedList).hasSize(1);
        String unticked = untickedList.get(0);
        assertThat(ticked).isNotEmpty().doesNotContain(unticked);
        assertThat(messages(fx.topics.acquire())).as("still nothing on acquire").isEmpty();
        browser.findElement(By.id("loop-approve")).click();

        JsonNode acquire = await(fx.topics.acquire(), a -> a.path("request_id").asText().equals(requestId),
                "the approved request on acquire");
        Set<String> sent = java.util.stream.StreamSupport.stream(acquire.get("positions").spliterator(), false)
                .map(p -> p.get("poi_id").asText()).collect(Collectors.toSet());
        assertThat(sent).as("exactly the ticked positions").isEqualTo(ticked);
        await(fx.topics.spectra(), s -> s.path("type").asText().equals("spectrum")
                && s.path("request_id").asText().equals(requestId), "a spectrum of the request");
        await(fx.topics.sites(), s -> s.path("request_id").asText().equals(requestId), "a site of the request");

        // the page plots each stored spectrum of the request's sites and names the element in the positions table
        wait.withMessage(() -> "spectra in the page: " + browser.findElements(By.cssSelector("#loop-spectra figure")).size()
                        + " of " + ticked.size() + "; heard: " + summary())
                .until(b -> b.findElements(By.cssSelector("#loop-spectra figure.spectrum")).size() == ticked.size());
        // read in one script: the plots are redrawn as the agent's answers come in
        @SuppressWarnings("unchecked")
        List<List<String>> figures = (List<List<String>>) browser.executeScript("return [...document.querySelectorAll("
                + "'#loop-spectra figure.spectrum')].map(f => [f.dataset.poi, f.dataset.element]);");
        assertThat(figures).hasSize(ticked.size()).allSatisfy(f -> {
            assertThat(ticked).contains(f.get(0));
            assertThat(f.get(1)).isIn("Si", "C", "unknown");
        });
        String siteCell = (String) browser.executeScript("return document.querySelector(\"#loop-positions tbody "
                + "tr[data-poi='\" + arguments[0] + \"'] td:last-child\").textContent;", ticked.iterator().next());
        assertThat(siteCell).isIn("Si", "C", "unknown");
        assertThat(browser.executeScript("return document.querySelector('#loop-requests tbody tr.selected')"
                + ".dataset.state;")).isEqualTo("sent");
        // the spectrum plots are drawn (not blank canvases)
        Object drawn = browser.executeScript("const c = document.querySelector('#loop-spectra canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) { if (d[i] > 200 && d[i + 1] > 200) n++; } return n;");
        assertThat(((Number) drawn).intValue()).as("bright pixels of the trace and edge markers").isPositive();

        // the whole page: the frame with its points above, the loop panel below
        browser.manage().window().setSize(new Dimension(1400, 2000));
        browser.executeScript("window.scrollTo(0, 0); document.querySelector('#loop-positions tbody tr')"
                + ".dispatchEvent(new MouseEvent('mouseenter'));");
        Thread.sleep(500);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

        // the web UI's audit row (with the user) and the agent's own decision
        List<WebQueriesRow> rows = fx.decisions().stream().filter(d -> d.action().equals("approve-acquire"))
                .map(d -> new WebQueriesRow(d.actor(), d.optionId(), d.detail())).toList();
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.actor()).isEqualTo(WebFixture.OPERATOR);
            assertThat(r.option()).isEqualTo(requestId);
            assertThat(r.detail()).startsWith(LiveRoutes.AUDIT_PREFIX).contains(requestId);
        }).anySatisfy(r -> {
            assertThat(r.actor()).isEqualTo(WebFixture.OPERATOR);
            assertThat(r.detail()).doesNotStartWith(LiveRoutes.AUDIT_PREFIX)
                    .contains(ticked.size() + " of " + (ticked.size() + 1) + " positions");
        });

        // approving it again is refused: it is no longer pending
        Object again = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/acquisitions/' + arguments[0] + '/approve', {method: 'POST', headers: {'Content-Type':"
                + " 'application/json', 'X-CSRF-Token': stemloop.me.csrf}, body: JSON.stringify({positions: arguments[1]})})"
                + ".then(r => done(r.status));", requestId, List.copyOf(ticked));
        assertThat(((Number) again).intValue()).isEqualTo(409);
        assertThat(messages(fx.topics.acquire()).stream().filter(a -> a.path("request_id").asText().equals(requestId)))
                .as("sent once").hasSize(1);
    }

    private record WebQueriesRow(String actor, String option, String detail) {
    }

    private List<JsonNode> messages(String topic) {
        return heard.stream().filter(m -> m[0].equals(topic)).map(m -> {
            try {
                return JSON.readTree(m[1]);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private JsonNode await(String topic, Predicate<JsonNode> test, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            for (JsonNode m : messages(topic)) {
                if (test.test(m)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No " + what + " on " + topic + " within " + WAIT_S + " s; heard: " + summary());
    }

    private String summary() {
        return heard.stream().map(m -> m[0].substring(m[0].lastIndexOf('/') + 1) + " "
                + (m[1].length() > 160 ? m[1].substring(0, 160) + "..." : m[1])).collect(Collectors.joining("\n"));
    }
}
