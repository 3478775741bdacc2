"""Sends one control message and one spectrum as an operator and a microscope would (Eclipse Paho for Python,
MQTT 5), and times how long each takes to show its effect on the agent's status or errors topic.

Usage: control_probe.py PORT INSTRUMENT WEB_USER:PW TWIN_USER:PW VIEWER_USER:PW CONTROL_JSON SPECTRUM_REQUEST_ID
                        CONTROL_EXPECT SPECTRUM_EXPECT TIMEOUT_S

An expectation is TOPIC:FIELD=VALUE[:NEEDLE], e.g. status:state=paused or errors:error=unknown-request:acq-x
(NEEDLE: a text the message's detail must contain). Prints "control effect after N ms" and "spectrum effect
after M ms"; exits 0 when both came within TIMEOUT_S, else 1 naming what did not.
"""
import json
import sys
import threading
import time

import paho.mqtt.client as mqtt

(port, instrument, web, twin, viewer, control_json, request_id, control_expect, spectrum_expect,
 timeout_s) = sys.argv[1:11]
port = int(port)
timeout_s = float(timeout_s)
base = "stemloop/" + instrument + "/"


def client(name, credentials):
    user, password = credentials.split(":", 1)
    c = mqtt.Client(client_id="probe-" + name + "-" + instrument, protocol=mqtt.MQTTv5)
    c.username_pw_set(user, password)
    c.connect("127.0.0.1", port)
    c.loop_start()
    return c


def parse(expect):
    topic, rest = expect.split(":", 1)
    field, rest = rest.split("=", 1)
    value, _, needle = rest.partition(":")
    return base + topic, field, value, needle


expectations = {"control": parse(control_expect), "spectrum": parse(spectrum_expect)}
seen = {}
heard = []
done = threading.Event()
subscribed = threading.Event()
t0 = [None]


def on_message(c, userdata, message):
    try:
        body = json.loads(message.payload)
    except ValueError:
        return
    heard.append(message.topic + " " + message.payload.decode("utf-8", "replace")[:300])
    if t0[0] is None:
        return  # retained messages and whatever came before the probe sent anything
    for name, (topic, field, value, needle) in expectations.items():
        if name in seen or message.topic != topic or str(body.get(field)) != value:
            continue
        if needle and needle not in str(body.get("detail", "")):
            continue
        seen[name] = (time.monotonic() - t0[0]) * 1000
    if len(seen) == len(expectations):
        done.set()


def on_subscribe(c, userdata, mid, reason_codes, properties):
    subscribed.set()


watch = client("viewer", viewer)
watch.on_message = on_message
watch.on_subscribe = on_subscribe
watch.subscribe([(base + "status", 1), (base + "errors", 1)])
if not subscribed.wait(10):
    print("the viewer's subscription was not acknowledged")
    sys.exit(1)
time.sleep(0.5)  # let the retained status pass
operator = client("web", web)
microscope = client("twin", twin)
spectrum = {"type": "spectrum", "request_id": request_id, "poi_id": "p0", "frame_id": "f", "row": 1.0, "col": 1.0,
            "dwell_ms": 20.0, "offset_ev": 60.0, "step_ev": 0.5, "counts": [100.0] * 600}
t0[0] = time.monotonic()
a = operator.publish(base + "control", control_json, qos=1)
b = microscope.publish(base + "spectra", json.dumps(spectrum), qos=1)
a.wait_for_publish(10)
b.wait_for_publish(10)
print("published control and spectrum after %.0f ms" % ((time.monotonic() - t0[0]) * 1000), flush=True)
done.wait(timeout_s)
for name in expectations:
    if name in seen:
        print("%s effect after %.0f ms" % (name, seen[name]), flush=True)
    else:
        print("%s effect: none within %.0f s (%s)" % (name, timeout_s, ":".join(expectations[name][:3])), flush=True)
if len(seen) < len(expectations):
    print("heard: " + "\n  ".join(heard[-20:]))
for c in (watch, operator, microscope):
    c.loop_stop()
    c.disconnect()
sys.exit(0 if len(seen) == len(expectations) else 1)
