"""A microscope as the issue describes it, with Eclipse Paho for Python (MQTT 5, QoS 1).

Usage: chaos_publish.py PORT TOPIC FRAME.npy PREFIX COUNT RATE PIXEL_SIZE MATERIAL ACKED_FILE

Publishes COUNT frames (ids PREFIX-00000 ...; user properties frame_id, material, pixel_size_angstrom)
at RATE frames per second with a persistent session (clean start off, session expiry 1 h) and waits
for each frame's PUBACK before the next, as a careful microscope would. Every frame the broker
acknowledged is appended to ACKED_FILE (one id a line, flushed), so the checker knows exactly what the
broker promised. While the broker is away Paho reconnects by itself; a frame not acknowledged within
30 s is published again with the same frame_id (the microscope-side rule of docs/operations.md).
Exits 0 once every frame is acknowledged; prints "acknowledged N of COUNT".
"""
import sys
import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

port, topic, path, prefix, count, rate, pixel_size, material, acked_path = sys.argv[1:10]
count, rate = int(count), float(rate)
with open(path, "rb") as f:
    payload = f.read()

acked = set()
cond = threading.Condition()


def on_publish(client, userdata, mid):
    with cond:
        acked.add(mid)
        cond.notify_all()


client = mqtt.Client(client_id="py-chaos-" + prefix, protocol=mqtt.MQTTv5)
client.on_publish = on_publish
client.reconnect_delay_set(min_delay=1, max_delay=2)
client.max_inflight_messages_set(20)
client.max_queued_messages_set(0)
connect = Properties(PacketTypes.CONNECT)
connect.SessionExpiryInterval = 3600
client.connect("127.0.0.1", int(port), clean_start=False, properties=connect)
client.loop_start()

out = open(acked_path, "a")
start = time.monotonic()
done = 0
for i in range(count):
    frame_id = "%s-%05d" % (prefix, i)
    props = Properties(PacketTypes.PUBLISH)
    props.UserProperty = [("frame_id", frame_id), ("pixel_size_angstrom", pixel_size), ("material", material)]
    give_up = time.monotonic() + 120
    while time.monotonic() < give_up:
        mid = client.publish(topic, payload, qos=1, properties=props).mid
        with cond:
            cond.wait_for(lambda: mid in acked, timeout=30)
            ok = mid in acked
        if ok:
            break
        print("no PUBACK for %s within 30 s: publishing it again" % frame_id, flush=True)
    else:
        print("gave up on %s" % frame_id, flush=True)
        break
    out.write(frame_id + "\n")
    out.flush()
    done += 1
    delay = start + (i + 1) / rate - time.monotonic()
    if delay > 0:
        time.sleep(delay)

client.loop_stop()
client.disconnect()
print("acknowledged %d of %d" % (done, count), flush=True)
sys.exit(0 if done == count else 1)
