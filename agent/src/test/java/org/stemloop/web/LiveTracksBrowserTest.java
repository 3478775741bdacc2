package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Issue 20's tracks in the live view, in a real headless Chromium: the digital twin images graphene with Si
 * dopants, the agent tracks them across frames and publishes {@code tracks}, and the live view draws each dopant's
 * trail with its id over the frame as the frames arrive. The same id must stay on the same dopant from frame to
 * frame (the twin's sample does not drift here: a dopant that keeps its id is where it was, or a bond away when it
 * hopped), and the layer can be
 * switched off like the others.
 */
@Tag("integration")
class LiveTracksBrowserTest {

    /** The live view with its trails (docs/img/live-tracks.png is a copy). */
    static final Path SCREENSHOT = Path.of("target", "screenshots", "live-tracks.png");
    private static final int WAIT_S = Math.max(90, WebFixture.WAIT_S);

    @TempDir
    Path dir;
    private WebFixture fx;
    private DigitalTwin twin;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (twin != null) {
            twin.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void theLiveViewDrawsDopantTrailsWhoseIdsPersistAcrossFrames() throws Exception {
        Chromium.requireInstalled();
        fx = WebFixture.start(dir);
        SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, 128).withNoiseLevel(0.1).withSeed(4)
                .withDefects(Defects.NONE.withDopants(0.03));
        double nn = Material.GRAPHENE.nearestNeighbourAngstrom() / spec.pixelSizeAngstrom();
        twin = DigitalTwin.start(WebFixture.broker().url(), fx.topics, spec, 1, 40);

        browser = Chromium.start();
        browser.manage().window().setSize(new Dimension(1400, 1100));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(WAIT_S));
        browser.get(fx.base() + "/");
        wait.until(b -> !b.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(WebFixture.OPERATOR);
        browser.findElement(By.id("password")).sendKeys(WebFixture.OPERATOR_PASSWORD);
        browser.findElement(By.id("submit")).click();
        wait.until(b -> b.findElement(By.id("who")).getText().startsWith(WebFixture.OPERATOR));
        assertThat(browser.findElement(By.id("layer-tracks")).isSelected()).as("the layer is on by default").isTrue();

        // a trail over at least 3 frames, drawn on the frame on screen, its id in the legend
        wait.withMessage(() -> "no dopant trail over 3 frames in the live view: " + shown())
                .until(b -> longest(shown()) >= 3);
        Map<String, Object> first = shown();
        Set<Long> firstIds = ids(first);
        String legend = browser.findElement(By.id("tracks-live")).getText();
        assertThat(legend).startsWith("Dopant tracks:");
        long longId = firstIds.stream().filter(id -> frames(first, id) >= 3).findFirst().orElseThrow();
        assertThat(legend).contains(String.valueOf(longId));

        // a later frame on screen: the same ids on the same dopants (the sample does not drift; a dopant may hop a bond)
        String firstFrame = (String) first.get("frame_id");
        wait.withMessage(() -> "the live view stayed on frame " + firstFrame)
                .until(b -> !firstFrame.equals(shown().get("frame_id")) && !ids(shown()).isEmpty());
        Map<String, Object> later = shown();
        Set<Long> kept = new HashSet<>(ids(later));
        kept.retainAll(firstIds);
        assertThat(kept).as("ids on frame %s and on the later %s", firstFrame, later.get("frame_id")).isNotEmpty();
        for (long id : kept) {
            double[] a = head(first, id);
            // the later trail of the same id passes where the dopant was (the still sample's drift is ~0), and each
            // step of it is at most one hop of a bond (the twin's dopants hop; the tracker's gate is 1.4 nn)
            List<double[]> trail = points(later, id);
            assertThat(trail).as("dopant %d's trail on frame %s passes its position on %s", id, later.get("frame_id"),
                    firstFrame).anySatisfy(q -> assertThat(Math.hypot(q[0] - a[0], q[1] - a[1])).isLessThan(1.5));
            for (int k = 1; k < trail.size(); k++) {
                double[] p = trail.get(k - 1);
                double[] q = trail.get(k);
                assertThat(Math.hypot(q[0] - p[0], q[1] - p[1])).as("dopant %d's step %d, px (nn %.1f px)", id, k, nn)
                        .isLessThan(1.45 * nn);
            }
            // one more frame, up to the frames the live state keeps
            assertThat(frames(later, id)).as("dopant %d's trail grows", id)
                    .isGreaterThanOrEqualTo(Math.min(frames(first, id) + 1, TracksLive.FRAMES_KEPT));
        }

        // the trails are drawn: pixels of a trail's colour, fewer with the layer off
        long on = trailPixels(kept.iterator().next());
        Files.createDirectories(SCREENSHOT.getParent());
        browser.executeScript("window.scrollTo(0, 0);");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        browser.findElement(By.id("layer-tracks")).click();
        long off = trailPixels(kept.iterator().next());
        assertThat(on).as("pixels of the trail's colour with the layer on (off: %d)", off).isGreaterThan(off + 5);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> shown() {
        return (Map<String, Object>) browser.executeScript("const s = stemloopTracks.live();"
                + "return {frame_id: s.frame_id, screen: stemloop.state && stemloop.state.frame"
                + " ? stemloop.state.frame.frame_id : null, trails: s.trails.map(t => ({id: t.id, frames: t.frames,"
                + " head: t.points[t.points.length - 1], points: t.points}))};");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> trails(Map<String, Object> shown) {
        Object t = shown.get("trails");
        return t == null ? List.of() : (List<Map<String, Object>>) t;
    }

    private static Set<Long> ids(Map<String, Object> shown) {
        Set<Long> out = new HashSet<>();
        trails(shown).forEach(t -> out.add(((Number) t.get("id")).longValue()));
        return out;
    }

    private static long longest(Map<String, Object> shown) {
        return trails(shown).stream().mapToLong(t -> ((Number) t.get("frames")).longValue()).max().orElse(0);
    }

    private static long frames(Map<String, Object> shown, long id) {
        return trails(shown).stream().filter(t -> ((Number) t.get("id")).longValue() == id)
                .mapToLong(t -> ((Number) t.get("frames")).longValue()).findFirst().orElse(0);
    }

    @SuppressWarnings("unchecked")
    private static double[] head(Map<String, Object> shown, long id) {
        List<Object> h = trails(shown).stream().filter(t -> ((Number) t.get("id")).longValue() == id)
                .map(t -> (List<Object>) t.get("head")).findFirst().orElseThrow();
        return new double[] {((Number) h.get(0)).doubleValue(), ((Number) h.get(1)).doubleValue()};
    }

    @SuppressWarnings("unchecked")
    private static List<double[]> points(Map<String, Object> shown, long id) {
        List<List<Object>> ps = trails(shown).stream().filter(t -> ((Number) t.get("id")).longValue() == id)
                .map(t -> (List<List<Object>>) t.get("points")).findFirst().orElseThrow();
        return ps.stream().map(q -> new double[] {((Number) q.get(0)).doubleValue(), ((Number) q.get(1)).doubleValue()})
                .toList();
    }

    /** Overlay pixels within a few levels of track {@code id}'s colour (tracks.js: hsl(id * 137.5, 90%, 60%)). */
    private long trailPixels(long id) {
        Object n = browser.executeScript("const c = document.getElementById('overlay'); const g = c.getContext('2d');"
                + "const probe = document.createElement('canvas').getContext('2d');"
                + "probe.fillStyle = `hsl(${(arguments[0] * 137.5) % 360}, 90%, 60%)`; probe.fillRect(0, 0, 1, 1);"
                + "const want = probe.getImageData(0, 0, 1, 1).data;"
                + "const d = g.getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 200 && Math.abs(d[i] - want[0]) < 12"
                + " && Math.abs(d[i + 1] - want[1]) < 12 && Math.abs(d[i + 2] - want[2]) < 12) n++; } return n;", id);
        return ((Number) n).longValue();
    }
}
