package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An unauthenticated control message's actor is recorded as claimed, within the actor column. */
class ControlClaimTest {

    @Test
    void theActorOfAnUnverifiedMessageIsMarkedClaimedAndStillFitsItsColumn() throws Exception {
        assertThat(ControlMessage.parse("{\"action\": \"pause\", \"by\": \"agent\"}").claimed().actor())
                .isEqualTo("claimed:agent");
        assertThat(ControlMessage.parse("{\"action\": \"pause\"}").claimed().actor())
                .isEqualTo("claimed:" + ControlMessage.UNNAMED_OPERATOR);
        String longest = "x".repeat(ControlMessage.MAX_ACTOR);
        assertThat(ControlMessage.parse("{\"action\": \"pause\", \"by\": \"" + longest + "\"}").claimed().actor())
                .hasSize(ControlMessage.MAX_ACTOR).startsWith("claimed:");
    }
}
