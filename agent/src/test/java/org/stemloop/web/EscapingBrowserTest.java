package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Markup in message and database data reaches a real Chromium as text: a Pareto option whose id is
 * HTML (published with the agent's signature, as a compromised or buggy agent could), shown in the
 * options table and in the chart's tooltip, and an actor name that is HTML in the history's decisions.
 * The markup would create elements {@code #pwned} and {@code .pwned}; none may exist.
 */
@Tag("integration")
class EscapingBrowserTest {

    static final String HTML_ID = "<img id=pwned src=x><b class=pwned>bold</b>";
    static final String HTML_ACTOR = "<img id=pwned2 src=x><i class=pwned>who</i>";

    @TempDir
    static Path dir;
    private static WebFixture fx;
    private ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireInstalled();
        fx = WebFixture.start(dir);
        fx.publishFrameAndAwaitDetections("e-1", 41);
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
    void htmlInAnOptionIdAndAnActorIsShownAsText() throws Exception {
        String pareto = "{\"frame_id\": \"e-1\", \"run_id\": \"" + fx.agent.runId() + "\", \"mode\": \"supervised\","
                + " \"recommended\": " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(HTML_ID)
                + ", \"options\": [{\"id\": " + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(HTML_ID) + ", \"params\": {\"min_sigma\": 2, \"max_sigma\": 6, \"num_sigma\": 10,"
                + " \"threshold\": 0.1, \"overlap\": 0.5}, \"rewards\": {\"qc\": 0.1, \"er\": 0.2}, \"n_atoms\": 99}]}";
        byte[] payload = pareto.getBytes(StandardCharsets.UTF_8);
        MqttClient agentLike = new MqttClient(WebFixture.broker().url(), "signed-" + fx.topics.instrument(),
                new MemoryPersistence());
        agentLike.connect(new MqttConnectionOptions());
        MqttMessage signed = new MqttMessage(payload, 1, false, null);
        signed.setProperties(WebFixture.signing.properties(fx.topics.pareto(), payload));
        agentLike.publish(fx.topics.pareto(), signed);
        // an actor name that is markup, recorded by the agent (as claimed) and shown in the history
        agentLike.publish(fx.topics.control(), new MqttMessage(("{\"action\": \"pause\", \"by\": "
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(HTML_ACTOR) + "}")
                .getBytes(StandardCharsets.UTF_8), 1, false, null));
        agentLike.disconnect();
        agentLike.close();

        browser = Chromium.start();
        logIn(WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(WebFixture.WAIT_S));
        wait.until(b -> !browser.findElements(By.cssSelector("#options tbody tr")).isEmpty()
                && browser.findElement(By.cssSelector("#options tbody tr td")).getText().contains("pwned"));
        assertThat(browser.findElement(By.cssSelector("#options tbody tr td")).getText()).contains(HTML_ID);

        // the real mouse on the point: ECharts builds its tooltip from the formatter's HTML
        WebElement chart = browser.findElement(By.id("pareto-chart"));
        @SuppressWarnings("unchecked")
        List<Number> xy = (List<Number>) browser.executeScript(
                "return stemloop.chart.convertToPixel({seriesIndex: 0}, [0.1, 0.2]);");
        new Actions(browser).moveToElement(chart, (int) Math.round(xy.get(0).doubleValue() - chart.getSize().getWidth()
                / 2.0), (int) Math.round(xy.get(1).doubleValue() - chart.getSize().getHeight() / 2.0))
                .pause(Duration.ofMillis(300)).perform();
        String tooltip = wait.until(b -> (String) browser.executeScript(
                "const t = [...document.querySelectorAll('#pareto-chart div')].find(d => d.textContent.includes('option'));"
                        + "return t ? t.textContent : null;"));
        assertThat(tooltip).contains(HTML_ID).contains("99 atoms");
        assertNoInjectedElements();

        browser.findElement(By.cssSelector(".tab[data-tab=history]")).click();
        wait.until(b -> browser.findElements(By.cssSelector("#decisions tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("pwned2")));
        assertThat(browser.findElement(By.id("decisions")).getText()).contains("claimed:" + HTML_ACTOR);
        assertNoInjectedElements();
    }

    private void assertNoInjectedElements() {
        assertThat(browser.findElements(By.id("pwned"))).as("an <img id=pwned> made from the data").isEmpty();
        assertThat(browser.findElements(By.id("pwned2"))).isEmpty();
        assertThat(browser.findElements(By.className("pwned"))).as("a <b class=pwned> made from the data").isEmpty();
    }

    private void logIn(String user, String password) {
        browser.get(fx.base() + "/");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(WebFixture.WAIT_S))
                .until(b -> browser.findElement(By.id("who")).getText().startsWith(user));
    }
}
