package org.stemloop.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a control message asks for, its arguments checked (see {@link ControlMessage#parse}). A
 * {@link StateChange} is applied as it is; a {@link Choose} is checked against the current Pareto front first.
 */
sealed interface ControlAction {

    /** The action's name on the control topic and in the decisions table, e.g. {@code set-mode}. */
    String name();

    /** An action that changes the run state without looking at it first. */
    sealed interface StateChange extends ControlAction {

        /** The run state after this action. */
        RunState applyTo(RunState state);
    }

    /** Frames are kept (their metadata stored) but not analysed until {@link Resume}. */
    record Pause() implements StateChange {
        @Override
        public String name() {
            return "pause";
        }

        @Override
        public RunState applyTo(RunState state) {
            return state.withPaused(true);
        }
    }

    /** Frames are analysed again. */
    record Resume() implements StateChange {
        @Override
        public String name() {
            return "resume";
        }

        @Override
        public RunState applyTo(RunState state) {
            return state.withPaused(false);
        }
    }

    /** Supervised (an operator chooses) or autonomous (the agent applies its recommendation). */
    record SetMode(RunMode mode) implements StateChange {
        @Override
        public String name() {
            return "set-mode";
        }

        @Override
        public RunState applyTo(RunState state) {
            return state.withMode(mode);
        }
    }

    /** The next frame is optimised. */
    record Reoptimize() implements StateChange {
        @Override
        public String name() {
            return "reoptimize";
        }

        @Override
        public RunState applyTo(RunState state) {
            return state.withReoptimize("reoptimize");
        }
    }

    /**
     * The lattice assumed for frames that name none; the next frame is optimised.
     *
     * @param material   {@code graphene} or {@code srtio3}
     * @param pixelSize  Å/px assumed for frames that give none, or {@code NaN}
     */
    record SetLattice(String material, double pixelSize) implements StateChange {
        @Override
        public String name() {
            return "set-lattice";
        }

        @Override
        public RunState applyTo(RunState state) {
            return state.withLattice(material, pixelSize);
        }
    }

    /**
     * An option of the current Pareto front serves the frames after it.
     *
     * @param option  the option id, 0 or more
     * @param frameId the front meant (the frame it was computed on), or {@code null}: the current one
     * @param runId   the run meant, or {@code null}: this one
     * @param params  the option's params as the sender saw them (a JSON object), or {@code null}
     */
    record Choose(int option, String frameId, String runId, JsonNode params) implements ControlAction {
        public Choose {
            params = params == null ? null : params.deepCopy();
        }

        @Override
        public String name() {
            return "choose";
        }
    }

    /**
     * An acquisition request waiting for an operator goes to the microscope (issue 20).
     *
     * @param requestId the request
     * @param positions the poi ids approved, or {@code null}: all of the request's
     */
    record ApproveAcquire(String requestId, java.util.List<String> positions) implements ControlAction {
        public ApproveAcquire {
            positions = positions == null ? null : java.util.List.copyOf(positions);
        }

        @Override
        public String name() {
            return "approve-acquire";
        }
    }
}
