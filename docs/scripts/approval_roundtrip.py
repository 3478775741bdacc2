#!/usr/bin/python3
"""The approval round trip, measured from outside with an MQTT client (Debian python3-paho-mqtt 1.6).

Against a running agent (e.g. `stemloop demo --mqtt-port 1883`): takes the retained Pareto front, sends
an operator's `choose` of an option other than the one in use on the control topic (exactly what the web
UI's Approve sends), and times until the first detections made with that option's parameters arrive:
approval -> first frame analysed with it. Alternates between options, N samples; prints p50/p99 (ms).

    /usr/bin/python3 docs/scripts/approval_roundtrip.py --port 1883 --samples 40
"""
import argparse
import json
import queue
import statistics
import sys
import time
import uuid

import paho.mqtt.client as mqtt

KEYS = ("min_sigma", "max_sigma", "num_sigma", "threshold", "overlap")


def same_params(a, b):
    return all(a.get(k) == b.get(k) for k in KEYS)


def percentile(values, p):
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=1883)
    ap.add_argument("--instrument", default="microscope-1")
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--timeout", type=float, default=30, help="seconds to wait for one round trip")
    ap.add_argument("--json", help="write the samples (ms) to this file")
    a = ap.parse_args()
    prefix = "stemloop/" + a.instrument
    fronts, detections = queue.Queue(), queue.Queue()

    def on_message(client, userdata, msg):
        now = time.monotonic()
        if not msg.payload:
            return
        body = json.loads(msg.payload)
        if msg.topic.endswith("/errors"):
            print(f"agent error: {body}", file=sys.stderr)
            return
        (fronts if msg.topic.endswith("/pareto") else detections).put((now, body))

    client = mqtt.Client(client_id="roundtrip-" + uuid.uuid4().hex[:8], protocol=mqtt.MQTTv5)
    client.on_message = on_message
    client.connect(a.host, a.port)
    client.subscribe([(prefix + "/pareto", 1), (prefix + "/detections", 1), (prefix + "/errors", 1)])
    client.loop_start()
    front = None
    samples = []
    deadline = time.monotonic() + 120
    while front is None or len(front["options"]) < 2:
        if time.monotonic() > deadline:
            sys.exit("no Pareto front with two options or more within 2 minutes")
        front = fronts.get(timeout=120)[1]
    in_use = front.get("applied")
    for i in range(a.samples):
        while not fronts.empty():  # the newest front (a re-announcement after a choice, or a new one)
            newer = fronts.get()[1]
            if newer["frame_id"] != front["frame_id"] or newer.get("applied") is not None:
                front = newer
                in_use = front.get("applied", in_use)
        options = [o for o in front["options"] if str(o["id"]) != str(in_use)]
        option = options[i % len(options)]
        while not detections.empty():
            detections.get()
        message = {"action": "choose", "option": option["id"], "frame_id": front["frame_id"],
                   "run_id": front["run_id"], "params": option["params"], "by": "roundtrip",
                   "request_id": str(uuid.uuid4()), "via": "approval_roundtrip.py"}
        sent = time.monotonic()
        client.publish(prefix + "/control", json.dumps(message), qos=1).wait_for_publish()
        end = sent + a.timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                sys.exit(f"sample {i}: no detections with option {option['id']}'s parameters in {a.timeout} s")
            try:
                at, d = detections.get(timeout=left)
            except queue.Empty:
                continue
            if d.get("method", "log*") == "log*" and same_params(d.get("params", {}), option["params"]):
                samples.append((at - sent) * 1000)
                in_use = option["id"]
                break
        print(f"sample {i + 1}/{a.samples}: option {option['id']} in use after {samples[-1]:.0f} ms "
              f"(frame {d['frame_id']})", file=sys.stderr)
    client.loop_stop()
    print(json.dumps({"samples": len(samples), "p50_ms": round(percentile(samples, 50), 1),
                      "p99_ms": round(percentile(samples, 99), 1), "max_ms": round(max(samples), 1),
                      "mean_ms": round(statistics.mean(samples), 1)}))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(samples, f)


if __name__ == "__main__":
    main()
