"""The overnight soak with broker restarts (issue 14, deliverable 8), driven from outside like a microscope.

Usage (Debian /usr/bin/python3 with python3-paho-mqtt and python3-matplotlib; Debian mosquitto):

    /usr/bin/python3 tools/soak_restarts.py --jar agent/target/stemloop.jar --minutes 120 --rate 2 \\
        --size 128 --restarts-at 50,70 --interval 30 --out OUT

A private Mosquitto 2.0 (persistence true, autosave_interval 1, an ephemeral port, OUT/broker/), the agent
as an operator runs it (`java -Xmx512m -Xlog:gc:file=OUT/gc.log -jar JAR run --broker ... --instrument soak
--db jdbc:h2:OUT/db --mode autonomous`, its own process), a Paho MQTT 5 publisher with a persistent session
publishing one simulated graphene frame (NPY, QoS 1, user properties frame_id, material, pixel_size_angstrom)
at RATE frames/s and waiting for each PUBACK, and a Paho subscriber (persistent session, QoS 1) on the
detections topic. The broker is stopped (SIGTERM) and started again on the same port at each --restarts-at
minute. Every --interval seconds one row goes to OUT/soak.csv: frames acknowledged by the broker, frames
answered, the agent's resident set (/proc/PID/status), its heap after the latest GC (from the GC log), the
load average, and p50/p99 of the end-to-end latency (publish call to detections received) in the interval.

At the end (after up to 120 s for the backlog) the agent is stopped with SIGTERM and the H2 database is
read: OUT/soak.md gets the verdict (frames acknowledged, rows, distinct frame ids, answered, lost, stored
twice), the latency percentiles over the whole run and the RSS and heap-after-GC slopes over the second
half (MiB per hour, least squares); OUT/soak.png the chart. Exit status 0 only when nothing was lost or
stored twice.
"""
import argparse
import glob
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

ap = argparse.ArgumentParser()
ap.add_argument("--jar", required=True)
ap.add_argument("--minutes", type=float, required=True)
ap.add_argument("--rate", type=float, default=2)
ap.add_argument("--size", type=int, default=128)
ap.add_argument("--restarts-at", default="")
ap.add_argument("--interval", type=int, default=30)
ap.add_argument("--heap", default="512m")
ap.add_argument("--out", required=True)
a = ap.parse_args()
out = os.path.abspath(a.out)
os.makedirs(out + "/broker", exist_ok=True)
restarts = [float(x) * 60 for x in a.restarts_at.split(",") if x.strip()]
instrument = "soak"
topics = {k: "stemloop/%s/%s" % (instrument, k) for k in ("frames", "detections", "status")}


def log(msg):
    line = "%s %s" % (time.strftime("%H:%M:%S"), msg)
    print(line, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


port = free_port()
with open(out + "/broker/mosquitto.conf", "w") as f:
    f.write("user %s\nlistener %d 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location %s/\n"
            "autosave_interval 1\nmax_queued_messages 100000\n" % (os.environ.get("USER") or "root", port,
                                                                   out + "/broker"))


def start_broker():
    p = subprocess.Popen(["/usr/sbin/mosquitto", "-c", out + "/broker/mosquitto.conf"],
                         stdout=open(out + "/broker/mosquitto.log", "a"), stderr=subprocess.STDOUT)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return p
        except OSError:
            time.sleep(0.05)
    sys.exit("mosquitto did not start: see " + out + "/broker/mosquitto.log")


broker = start_broker()
subprocess.run(["java", "-jar", a.jar, "simulate", "--material", "graphene", "--size", str(a.size), "--noise", "0.1",
                "--seed", "1", "--out", out + "/frame"], check=True, stdout=subprocess.DEVNULL)
payload = open(out + "/frame/frame.npy", "rb").read()
db = "jdbc:h2:" + out + "/db"
agent = subprocess.Popen(["java", "-Xmx" + a.heap, "-Xlog:gc:file=" + out + "/gc.log", "-jar", a.jar, "run",
                          "--broker", "tcp://127.0.0.1:%d" % port, "--instrument", instrument, "--db", db,
                          "--mode", "autonomous"], stdout=open(out + "/agent.log", "w"), stderr=subprocess.STDOUT,
                         cwd=out)

lock = threading.Lock()
sent_at, answered_at, acked = {}, {}, set()


def on_detection(client, userdata, msg):
    try:
        fid = json.loads(msg.payload)["frame_id"]
    except (ValueError, KeyError):
        return
    with lock:
        answered_at.setdefault(fid, time.time())


def persistent(client_id):
    c = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv5)
    c.reconnect_delay_set(min_delay=1, max_delay=2)
    props = Properties(PacketTypes.CONNECT)
    props.SessionExpiryInterval = 86400
    return c, props


sub, sub_props = persistent("soak-detections")
sub.on_message = on_detection
sub.on_connect = lambda c, u, f, rc, p=None: c.subscribe(topics["detections"], qos=1)
sub.connect("127.0.0.1", port, clean_start=False, properties=sub_props)
sub.loop_start()

online = time.time() + 120
while time.time() < online:
    if "mode autonomous" in open(out + "/agent.log").read() and "Ctrl-C" in open(out + "/agent.log").read():
        break
    time.sleep(0.5)
time.sleep(3)

pub, pub_props = persistent("soak-microscope")
cond = threading.Condition()
done_mids = set()


def on_publish(client, userdata, mid):
    with cond:
        done_mids.add(mid)
        cond.notify_all()


pub.on_publish = on_publish
pub.max_inflight_messages_set(20)
pub.max_queued_messages_set(0)
pub.connect("127.0.0.1", port, clean_start=False, properties=pub_props)
pub.loop_start()
stop_publishing = threading.Event()


def publish_loop():
    start = time.monotonic()
    i = 0
    while not stop_publishing.is_set():
        fid = "s-%06d" % i
        props = Properties(PacketTypes.PUBLISH)
        props.UserProperty = [("frame_id", fid), ("pixel_size_angstrom", "0.4"), ("material", "graphene")]
        with lock:
            sent_at.setdefault(fid, time.time())
        while True:  # the microscope-side rule: no PUBACK in 30 s, the same frame_id again
            mid = pub.publish(topics["frames"], payload, qos=1, properties=props).mid
            with cond:
                cond.wait_for(lambda: mid in done_mids, timeout=30)
                ok = mid in done_mids
            if ok:
                break
            log("no PUBACK for %s within 30 s: publishing it again" % fid)
        with lock:
            acked.add(fid)
        i += 1
        delay = start + i / a.rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)


def rss_mib(pid):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


GC = re.compile(r"\)\s+(\d+)M->(\d+)M\(")


def heap_after_gc():
    last = float("nan")
    try:
        for line in open(out + "/gc.log"):
            m = GC.search(line)
            if m:
                last = float(m.group(2))
    except OSError:
        pass
    return last


def pct(xs, q):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


publisher = threading.Thread(target=publish_loop, daemon=True)
t0 = time.time()
publisher.start()
csv = open(out + "/soak.csv", "w")
csv.write("seconds,acknowledged,answered,rss_mib,heap_after_gc_mib,load1,p50_ms,p99_ms\n")
seen = set()
pending_restarts = list(restarts)
next_sample = t0 + a.interval
end = t0 + a.minutes * 60
while True:
    now = time.time()
    if pending_restarts and now - t0 >= pending_restarts[0]:
        pending_restarts.pop(0)
        log("restarting the broker (SIGTERM, 2 s down)")
        broker.send_signal(signal.SIGTERM)
        broker.wait()
        time.sleep(2)
        broker = start_broker()
        log("broker back")
    if now >= end and not stop_publishing.is_set():
        stop_publishing.set()
    if now >= next_sample or (stop_publishing.is_set() and not publisher.is_alive()):
        with lock:
            fresh = [(answered_at[f] - sent_at[f]) * 1000 for f in answered_at if f not in seen and f in sent_at]
            seen.update(answered_at)
            n_acked, n_answered = len(acked), len(answered_at)
        row = (now - t0, n_acked, n_answered, rss_mib(agent.pid), heap_after_gc(), os.getloadavg()[0],
               pct(fresh, 0.5), pct(fresh, 0.99))
        csv.write("%.1f,%d,%d,%.1f,%.1f,%.2f,%.1f,%.1f\n" % row)
        csv.flush()
        log("t=%.0fs acked %d answered %d rss %.0f MiB heap-after-gc %.0f MiB load %.1f p50 %.0f ms p99 %.0f ms" % row)
        next_sample += a.interval
        if stop_publishing.is_set() and not publisher.is_alive():
            break
    time.sleep(0.2)

deadline = time.time() + 120
while time.time() < deadline:
    with lock:
        if acked <= set(answered_at):
            break
    time.sleep(0.5)
agent.send_signal(signal.SIGTERM)
agent.wait(timeout=60)
sub.loop_stop()
pub.loop_stop()
broker.send_signal(signal.SIGTERM)
broker.wait()

h2 = sorted(glob.glob(os.path.expanduser("~/.m2/repository/com/h2database/h2/*/h2-*.jar")))
q = subprocess.run(["java", "-cp", h2[-1] if h2 else a.jar, "org.h2.tools.Shell", "-url", db, "-user", "", "-sql",
                    "SELECT COUNT(*) || ',' || COUNT(DISTINCT frame_id) FROM frames"], capture_output=True, text=True)
m = re.search(r"(\d+),(\d+)", q.stdout)
rows, distinct = (int(m.group(1)), int(m.group(2))) if m else (-1, -1)
with lock:
    lat = sorted((answered_at[f] - sent_at[f]) * 1000 for f in answered_at if f in sent_at)
    lost = sorted(acked - set(answered_at))
    n_acked = len(acked)


def slope(col):
    data = [l.strip().split(",") for l in open(out + "/soak.csv").readlines()[1:]]
    pts = [(float(d[0]) / 3600, float(d[col])) for d in data if float(d[0]) >= a.minutes * 30 and d[col] != "nan"]
    if len(pts) < 2:
        return float("nan")
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / den if den else float("nan")


ok = rows == distinct == n_acked and not lost
summary = """# soak with broker restarts

{minutes:.0f} min, {size}x{size} graphene at {rate} frames/s, Mosquitto (persistence, autosave_interval 1) restarted
(SIGTERM, 2 s down) at minute(s) {restarts}; agent `run` with -Xmx{heap}; {cores} cores.

| acknowledged by the broker | rows | distinct frame ids | answered | lost | stored twice |
|---|---|---|---|---|---|
| {acked} | {rows} | {distinct} | {answered} | {lost} | {twice} |

| latency (publish to detections) | p50 ms | p90 ms | p99 ms | max ms |
|---|---|---|---|---|
| {n} frames | {p50:.1f} | {p90:.1f} | {p99:.1f} | {pmax:.1f} |

Second half, least-squares slope: RSS {rss:+.2f} MiB/h, heap after GC {heapslope:+.2f} MiB/h.

Verdict: {verdict}. Lost frame ids (first 20): {lostids}
""".format(minutes=a.minutes, size=a.size, rate=a.rate, restarts=a.restarts_at or "none", heap=a.heap,
           cores=os.cpu_count(), acked=n_acked, rows=rows, distinct=distinct, answered=len(set(answered_at) & acked),
           lost=len(lost), twice=rows - distinct, n=len(lat), p50=pct(lat, 0.5), p90=pct(lat, 0.9),
           p99=pct(lat, 0.99), pmax=lat[-1] if lat else float("nan"), rss=slope(3), heapslope=slope(4),
           verdict="0 lost, 0 stored twice" if ok else "FAILED", lostids=lost[:20])
open(out + "/soak.md", "w").write(summary)
print(summary)
try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    data = [l.strip().split(",") for l in open(out + "/soak.csv").readlines()[1:]]
    t = [float(d[0]) / 60 for d in data]
    fig, ax = plt.subplots(3, 1, figsize=(9, 8), sharex=True)
    ax[0].plot(t, [float(d[3]) for d in data], label="RSS (MiB)")
    ax[0].plot(t, [float(d[4]) for d in data], label="heap after GC (MiB)")
    ax[0].legend()
    ax[0].set_ylabel("MiB")
    ax[1].plot(t, [float(d[6]) for d in data], label="p50", color="tab:blue")
    ax[1].plot(t, [float(d[7]) for d in data], label="p99", color="tab:red")
    ax[1].set_yscale("log")
    ax[1].set_ylabel("latency ms")
    ax[1].legend()
    ax[2].plot(t, [int(d[1]) - int(d[2]) for d in data], label="acknowledged, not yet answered")
    ax[2].set_ylabel("frames")
    ax[2].set_xlabel("minutes")
    ax[2].legend()
    for r in restarts:
        for x in ax:
            x.axvline(r / 60, color="grey", linestyle=":")
    fig.suptitle("soak: %d x %d at %.1f frames/s, broker restarts dotted" % (a.size, a.size, a.rate))
    fig.tight_layout()
    fig.savefig(out + "/soak.png", dpi=90)
except ImportError:
    print("matplotlib missing: no chart")
sys.exit(0 if ok else 1)
