package org.stemloop.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A burst of deferrals is one INFO line with its count (issue 14), not a line per frame. */
@ExtendWith(VertxExtension.class)
class BurstLogTest {

    private final List<LogRecord> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(BurstLogTest.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void aBurstOfTwoHundredIsOneInfoLineWithTheCount(Vertx vertx, VertxTestContext test) {
        BurstLog log = new BurstLog(BurstLogTest.class, 50, n -> n + " frames deferred");
        vertx.runOnContext(v -> {
            for (int i = 0; i < 200; i++) {
                log.add(vertx);
            }
            vertx.setTimer(500, id -> test.verify(() -> {
                assertThat(lines).singleElement().satisfies(r -> {
                    assertThat(r.getLevel()).isEqualTo(Level.INFO);
                    assertThat(r.getMessage()).isEqualTo("200 frames deferred");
                });
                log.add(vertx);
                log.flush();
                assertThat(lines).hasSize(2).last().extracting(LogRecord::getMessage).isEqualTo("1 frames deferred");
                assertThat(log.total()).isEqualTo(201);
                test.completeNow();
            }));
        });
    }
}
