package org.stemloop.agent;

import org.stemloop.mqtt.Printable;

/**
 * A control message this agent cannot follow: malformed, over the size limit, an unknown action, bad
 * arguments, or a choice that no longer fits the run. Its message (one line, naming the problem) goes to
 * the errors topic as {@code bad-control}; the run state is left as it was.
 */
final class ControlRejected extends Exception {

    ControlRejected(String message) {
        super(Printable.of(message, Printable.MAX_DETAIL));
    }
}
