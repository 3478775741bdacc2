"""What Mosquitto loses on SIGKILL (a power cut, as the broker sees it) at each autosave setting (issue 14).

Usage: /usr/bin/python3 tools/broker_kill_loss.py FRAME.npy [TRIALS]

For each setting, TRIALS times: a private Mosquitto (persistence true, an ephemeral port, a temp dir) gets a
persistent subscriber session (the agent's: clean start off, session expiry 1 h, QoS 1), which then goes away
so frames queue for it; a Paho publisher sends frames at 30/s, waiting for each PUBACK; after 4-6 s the broker
is killed with SIGKILL and started again; the subscriber comes back and counts what the broker still holds.
Lost = frames the broker had acknowledged to the publisher that never reach the subscriber. Prints one line
per trial and a table for docs/operations.md.
"""
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

payload = open(sys.argv[1], "rb").read()
trials = int(sys.argv[2]) if len(sys.argv) > 2 else 3
SETTINGS = [("autosave_interval 1800 (Debian default)", "autosave_interval 1800"),
            ("autosave_interval 10 (broker-config/mosquitto.conf)", "autosave_interval 10"),
            ("autosave_interval 1", "autosave_interval 1"),
            ("autosave_on_changes true, autosave_interval 1", "autosave_on_changes true\nautosave_interval 1")]


def port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def broker(conf, log):
    p = subprocess.Popen(["/usr/sbin/mosquitto", "-c", conf], stdout=open(log, "a"), stderr=subprocess.STDOUT)
    return p


def wait_port(p):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", p), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)


def session(pt, cid):
    c = mqtt.Client(client_id=cid, protocol=mqtt.MQTTv5)
    props = Properties(PacketTypes.CONNECT)
    props.SessionExpiryInterval = 3600
    return c, props


def trial(setting):
    d = tempfile.mkdtemp(prefix="eo-kill-")
    pt = port()
    conf = d + "/m.conf"
    open(conf, "w").write("user %s\nlistener %d 127.0.0.1\nallow_anonymous true\npersistence true\n"
                          "persistence_location %s/\n%s\nmax_queued_messages 100000\n"
                          % (os.environ.get("USER") or "root", pt, d, setting))
    m = broker(conf, d + "/m.log")
    wait_port(pt)
    sub, sp = session(pt, "agent")
    sub.connect("127.0.0.1", pt, clean_start=False, properties=sp)
    sub.loop_start()
    sub.subscribe("f", qos=1)
    time.sleep(0.5)
    sub.loop_stop()
    sub.disconnect()
    pub, pp = session(pt, "microscope")
    acked = set()
    cond = threading.Condition()

    def on_publish(c, u, mid):
        with cond:
            acked.add(mid)
            cond.notify_all()

    pub.on_publish = on_publish
    pub.connect("127.0.0.1", pt, clean_start=False, properties=pp)
    pub.loop_start()
    kill_at = time.monotonic() + random.uniform(4, 6)
    acked_ids = []
    i = 0
    while time.monotonic() < kill_at:
        props = Properties(PacketTypes.PUBLISH)
        props.UserProperty = [("frame_id", "k-%05d" % i)]
        mid = pub.publish("f", payload, qos=1, properties=props).mid
        with cond:
            if cond.wait_for(lambda: mid in acked, timeout=2):
                acked_ids.append("k-%05d" % i)
        i += 1
        time.sleep(max(0, 1 / 30))
    m.send_signal(signal.SIGKILL)
    m.wait()
    pub.loop_stop()
    m = broker(conf, d + "/m.log")
    wait_port(pt)
    got = set()

    def on_message(c, u, msg):
        for k, v in msg.properties.UserProperty:
            if k == "frame_id":
                got.add(v)

    sub2, sp2 = session(pt, "agent")
    sub2.on_message = on_message
    sub2.connect("127.0.0.1", pt, clean_start=False, properties=sp2)
    sub2.loop_start()
    last, t = -1, time.monotonic()
    while time.monotonic() - t < 3 or len(got) != last:
        last = len(got)
        time.sleep(1)
    sub2.loop_stop()
    m.send_signal(signal.SIGTERM)
    m.wait()
    lost = [f for f in acked_ids if f not in got]
    return len(acked_ids), len(lost)


rows = []
for name, setting in SETTINGS:
    for t in range(trials):
        a, l = trial(setting)
        print("%s, trial %d: %d acknowledged before the kill, %d lost" % (name, t + 1, a, l), flush=True)
        rows.append((name, a, l))
print("\n| Mosquitto setting | frames acknowledged before SIGKILL (per trial) | lost (per trial) |\n|---|---|---|")
for name, _ in SETTINGS:
    r = [x for x in rows if x[0] == name]
    print("| %s | %s | %s |" % (name, ", ".join(str(x[1]) for x in r), ", ".join(str(x[2]) for x in r)))
