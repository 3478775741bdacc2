package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The control parser on its own: the actions it knows, a table of bad messages with the answer each
 * gets, and property-based fuzzing with a seeded generator (random JSON trees around the known fields,
 * hostile strings, mutated and truncated text, other JSON types, oversize messages): every message parses
 * into a checked action or is refused with a {@link ControlRejected} naming the problem in one line;
 * never another exception.
 */
class ControlMessageTest {

    private static final String SQL = "'; DROP TABLE frames; --";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void theKnownActionsParseWithTheirArguments() throws ControlRejected {
        assertThat(ControlMessage.parse("{\"action\": \"pause\"}").action()).isEqualTo(new ControlAction.Pause());
        assertThat(ControlMessage.parse("{\"action\": \"set-mode\", \"mode\": \"autonomous\"}").action())
                .isEqualTo(new ControlAction.SetMode(RunMode.AUTONOMOUS));
        assertThat(ControlMessage.parse("{\"action\": \"set-lattice\", \"material\": \"SrTiO3\", "
                + "\"pixel_size_angstrom\": 0.2}").action()).isEqualTo(new ControlAction.SetLattice("srtio3", 0.2));
        ControlMessage choose = ControlMessage.parse("{\"action\": \"choose\", \"option\": \"3\", \"frame_id\": \"f-1\", "
                + "\"by\": \"erin\", \"request_id\": \"r-1\"}");
        assertThat(choose.action()).isEqualTo(new ControlAction.Choose(3, "f-1", null, null));
        assertThat(choose.actor()).isEqualTo("erin");
        assertThat(choose.json()).contains("\"request_id\":\"r-1\"");
        assertThat(ControlMessage.parse("{\"action\": \"resume\"}").actor()).isEqualTo(ControlMessage.UNNAMED_OPERATOR);
    }

    @Test
    void sqlLookingAndUnicodeNamesAreKeptVerbatim() throws ControlRejected {
        assertThat(ControlMessage.parse("{\"action\": \"pause\", \"by\": \"" + SQL + "\"}").actor()).isEqualTo(SQL);
        assertThat(ControlMessage.parse("{\"action\": \"pause\", \"by\": \"Ångström 原子 \uD83D\uDE42\"}").actor())
                .isEqualTo("Ångström 原子 \uD83D\uDE42");
    }

    @Nested
    class Refused {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                not JSON            | not json                                          | Control message is not valid JSON: Unrecognized token 'not'
                trailing text       | {"action": "pause"} {"action": "resume"}         | Control message is not valid JSON: Trailing token
                an array            | [1, 2]                                            | Control message must be a JSON object with an "action" text field, got an array
                a string            | "pause"                                           | got a string
                a number            | 42                                                | got a number
                no action           | {"by": "erin"}                                    | Control message has no "action" text field (got nothing); this agent knows pause, resume, set-mode, choose, reoptimize, set-lattice
                numeric action      | {"action": 7}                                     | has no "action" text field (got 7)
                unknown action      | {"action": "explode"}                             | Unknown control action: explode (this agent knows pause, resume, set-mode, choose, reoptimize, set-lattice, approve-acquire)
                approve, no request | {"action": "approve-acquire"}                     | approve-acquire needs "request_id": the id of the acquisition request (1-64 characters), got nothing
                approve, bad list   | {"action": "approve-acquire", "request_id": "a", "positions": "p1"} | approve-acquire "positions" must be a list of at most 1000 poi ids
                approve, bad id     | {"action": "approve-acquire", "request_id": "a", "positions": [3]} | approve-acquire "positions" must hold poi ids (text), got 3
                SQL as action       | {"action": "'; DROP TABLE frames; --"}            | Unknown control action: '; DROP TABLE frames; --
                bad mode            | {"action": "set-mode", "mode": "turbo"}           | set-mode: Unknown mode: turbo (expected supervised or autonomous)
                missing mode        | {"action": "set-mode"}                            | set-mode: "mode" must be supervised or autonomous, got nothing
                negative option     | {"action": "choose", "option": -1}                | choose: "option" must be an option id (0 or more) from the pareto topic, got -1
                huge option         | {"action": "choose", "option": 99999999999999999999} | got 99999999999999999999
                fractional option   | {"action": "choose", "option": 1.5}               | got 1.5
                infinite option     | {"action": "choose", "option": 1e400}             | "option" must be an option id
                numeric run id      | {"action": "choose", "option": 1, "run_id": 5}    | "run_id" must be text, got 5
                params not object   | {"action": "choose", "option": 1, "params": [1]}  | choose: "params" must be an object like the pareto option's, got [1]
                unknown material    | {"action": "set-lattice", "material": "gold"}     | set-lattice: "material" must be graphene or srtio3, got "gold"
                negative pixel size | {"action": "set-lattice", "material": "graphene", "pixel_size_angstrom": -1} | "pixel_size_angstrom" must be a number in (0.001, 100), got -1
                empty actor         | {"action": "pause", "by": ""}                     | "by" must be a name of 1-128 printable characters, got ""
                numeric actor       | {"action": "pause", "by": 42}                     | "by" must be a name of 1-128 printable characters, got 42
                NUL in actor        | {"action": "pause", "by": "a\\u0000b"}            | "by" must be a name of 1-128 printable characters, got "a\\u0000b"
                """)
        void eachBadMessageGetsItsAnswer(String what, String message, String answer) {
            assertThatThrownBy(() -> ControlMessage.parse(message)).as(what).isInstanceOf(ControlRejected.class)
                    .hasMessageContaining(answer);
        }

        @Test
        void anEmptyMessageIsNamed() {
            assertThatThrownBy(() -> ControlMessage.parse(" ")).isInstanceOf(ControlRejected.class)
                    .hasMessage("Control message is empty; send a JSON object with an \"action\" text field");
        }

        @Test
        void aLongActorIsRefusedBeforeItReachesItsColumn() {
            assertThatThrownBy(() -> ControlMessage.parse("{\"action\": \"pause\", \"by\": \"" + "x".repeat(129) + "\"}"))
                    .hasMessageStartingWith("\"by\" must be a name of 1-128 printable characters, got \"xxxx");
        }

        @Test
        void anOversizeMessageIsRefusedBeforeItIsParsed() {
            byte[] big = ("{\"action\": \"pause\", \"by\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> ControlMessage.parse(big, 65_536))
                    .hasMessage("Control message of %d bytes is over the limit of 65536 bytes (max-control-bytes)",
                            big.length);
        }

        @Test
        void invalidUtf8IsNotJson() {
            byte[] bytes = {'{', '"', 'a', (byte) 0xC3, (byte) 0x28, '"', '}'};
            assertThatThrownBy(() -> ControlMessage.parse(bytes, 4096)).isInstanceOf(ControlRejected.class)
                    .hasMessageStartingWith("Control message is not valid JSON");
        }
    }

    @Test
    void everyGeneratedMessageParsesOrIsRefusedByName() {
        SplittableRandom random = new SplittableRandom(8_4_2026);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 5_000; i++) {
            byte[] payload = generate(random);
            String outcome;
            try {
                ControlMessage m = ControlMessage.parse(payload, 4096);
                assertChecked(m, i);
                outcome = m.action().name();
            } catch (ControlRejected e) {
                assertThat(e.getMessage()).as("case %d", i).isNotBlank().doesNotContain("\n", "\r", "\u0000")
                        .hasSizeLessThanOrEqualTo(1003);
                outcome = "refused";
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("case %d (%s): %s instead of ControlRejected".formatted(i,
                        new String(payload, 0, Math.min(200, payload.length), StandardCharsets.UTF_8), e), e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        // both sides reached, every action among the accepted
        assertThat(outcomes).containsKeys("refused", "pause", "resume", "set-mode", "choose", "reoptimize",
                "set-lattice");
    }

    private static void assertChecked(ControlMessage m, int i) {
        assertThat(m.actor()).as("case %d actor", i).isNotBlank().hasSizeLessThanOrEqualTo(ControlMessage.MAX_ACTOR)
                .doesNotContain("\u0000", "\n");
        if (m.action() instanceof ControlAction.Choose c) {
            assertThat(c.option()).as("case %d option", i).isBetween(0, ControlMessage.MAX_OPTION);
            assertThat(c.params() == null || c.params().isObject()).as("case %d params", i).isTrue();
        } else if (m.action() instanceof ControlAction.SetLattice l) {
            assertThat(l.material()).isIn("graphene", "srtio3");
            assertThat(Double.isNaN(l.pixelSize()) || (l.pixelSize() > 0.001 && l.pixelSize() < 100)).isTrue();
        } else if (m.action() instanceof ControlAction.SetMode s) {
            assertThat(s.mode()).isNotNull();
        }
    }

    // ---- the generator ----

    private static final List<String> ACTIONS = List.of("pause", "resume", "set-mode", "choose", "reoptimize",
            "set-lattice");
    private static final List<String> FIELDS = List.of("action", "by", "mode", "option", "frame_id", "run_id", "params",
            "material", "pixel_size_angstrom", "request_id", "via", "x");
    private static final List<String> STRINGS = List.of(SQL, "", " ", "supervised", "autonomous", "graphene", "srtio3",
            "gold", "0", "-1", "3", "99999999999", "\u0000", "a\nb", "原子 Ångström \uD83D\uDE42", "x".repeat(200),
            "Robert'); DROP TABLE decisions;--", "null", "\u202E");

    private static byte[] generate(SplittableRandom r) {
        ObjectNode message = NODES.objectNode();
        String action = r.nextInt(6) > 0 ? pick(r, ACTIONS) : pick(r, STRINGS);
        message.put("action", action);
        // the right arguments, most of the time: the random fields below then break some of them
        switch (action) {
            case "set-mode" -> message.put("mode", pick(r, List.of("supervised", "autonomous")));
            case "choose" -> message.put("option", r.nextInt(6));
            case "set-lattice" -> message.put("material", pick(r, List.of("graphene", "srtio3")))
                    .put("pixel_size_angstrom", pick(r, List.of(0.14, 0.2, 5.0)));
            default -> message.put("by", pick(r, List.of("erin", SQL, "Ångström")));
        }
        for (int f = 0, n = r.nextInt(4); f < n; f++) {
            message.set(pick(r, FIELDS), value(r, 0));
        }
        if (r.nextInt(3) == 0) {
            message.set(pick(r, FIELDS), value(r, 0)); // sometimes the action itself is replaced
        }
        byte[] text = message.toString().getBytes(StandardCharsets.UTF_8);
        return switch (r.nextInt(12)) {
            case 0 -> Arrays.copyOf(text, r.nextInt(text.length + 1)); // truncated
            case 1 -> flip(r, text);
            case 2 -> value(r, 0).toString().getBytes(StandardCharsets.UTF_8); // any JSON value
            case 3 -> ("[".repeat(r.nextInt(3000)) + "]").getBytes(StandardCharsets.UTF_8); // deep nesting
            case 4 -> (message + " " + pick(r, STRINGS)).getBytes(StandardCharsets.UTF_8); // trailing text
            case 5 -> new byte[4097 + r.nextInt(100)]; // oversize
            default -> text;
        };
    }

    private static JsonNode value(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.numberNode(r.nextInt(-5, 20));
            case 3 -> NODES.numberNode(pick(r, List.of(-1.5, 0.0005, 0.14, 99.9, 1e300, Double.MAX_VALUE)));
            case 4 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + r.nextInt(40))));
            case 5 -> NODES.textNode(pick(r, STRINGS));
            case 6 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0, n = r.nextInt(4); i < n; i++) {
                    a.add(value(r, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = 0, n = r.nextInt(4); i < n; i++) {
                    o.set(r.nextBoolean() ? pick(r, FIELDS) : pick(r, List.of("min_sigma", "threshold")), value(r, depth + 1));
                }
                yield o;
            }
        };
    }

    private static byte[] flip(SplittableRandom r, byte[] text) {
        byte[] out = text.clone();
        for (int i = 0, n = 1 + r.nextInt(3); i < n && out.length > 0; i++) {
            out[r.nextInt(out.length)] = (byte) r.nextInt(256);
        }
        return out;
    }

    private static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
