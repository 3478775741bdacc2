package org.stemloop.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An operator and a microscope nobody here wrote: Eclipse Paho for Python ({@code /usr/bin/python3}, Debian's
 * {@code python3-paho-mqtt}) sends one control message (as the web UI's user) and one spectrum (as the microscope's)
 * and times how long each takes to show its effect on the agent's status or errors topic, which it reads as the
 * viewer ({@code src/test/resources/mqtt/control_probe.py}). It exits 0 when both effects came in time.
 */
public final class PahoControlProbe extends PythonPahoProcess {

    private PahoControlProbe(Process process, Path log) {
        super(process, log);
    }

    /**
     * Starts the probe; fails under {@code CI=true}, skips elsewhere, when python3-paho-mqtt is missing.
     *
     * @param logins         {@code user:password} of the web UI, the microscope and the viewer, in that order
     * @param controlExpect  {@code TOPIC:FIELD=VALUE[:NEEDLE]}, e.g. {@code status:state=paused}
     * @param spectrumExpect the same for the spectrum, e.g. {@code errors:error=unknown-request:acq-x}
     */
    public static PahoControlProbe start(int port, Path dir, String instrument, List<String> logins, String controlJson,
                                         String requestId, String controlExpect, String spectrumExpect, int timeoutS)
            throws IOException, InterruptedException {
        Path log = dir.resolve("control-probe.log");
        Process p = start("control_probe.py", dir, List.of(Integer.toString(port), instrument, logins.get(0),
                logins.get(1), logins.get(2), controlJson, requestId, controlExpect, spectrumExpect,
                Integer.toString(timeoutS)), log, "the control and spectrum probe from a Python paho client");
        return new PahoControlProbe(p, log);
    }
}
