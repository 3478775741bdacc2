"""Publishes a stream of NPY frames as a microscope would, with Eclipse Paho for Python (MQTT 5, QoS 1).

Usage: publish_stream.py PORT TOPIC FRAME.npy PREFIX COUNT RATE PIXEL_SIZE MATERIAL

Frame ids PREFIX-00000 ... (user property frame_id), RATE frames per second. A persistent session
(clean start off, session expiry 1 h) and Paho's own reconnection: frames published while the broker
is away are queued by the client and sent when it is back. Exits 0 once the broker acknowledged every
frame (PUBACK), 1 after 120 s without that; prints "acknowledged N of COUNT".
"""
import sys
import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

port, topic, path, prefix, count, rate, pixel_size, material = sys.argv[1:9]
count, rate = int(count), float(rate)
with open(path, "rb") as f:
    payload = f.read()

acked = set()
lock = threading.Lock()


def on_publish(client, userdata, mid):
    with lock:
        acked.add(mid)


client = mqtt.Client(client_id="py-stream-" + prefix, protocol=mqtt.MQTTv5)
client.on_publish = on_publish
client.reconnect_delay_set(min_delay=1, max_delay=2)
client.max_inflight_messages_set(20)
client.max_queued_messages_set(0)
connect = Properties(PacketTypes.CONNECT)
connect.SessionExpiryInterval = 3600
client.connect("127.0.0.1", int(port), clean_start=False, properties=connect)
client.loop_start()

mids = []
start = time.monotonic()
for i in range(count):
    props = Properties(PacketTypes.PUBLISH)
    props.UserProperty = [("frame_id", "%s-%05d" % (prefix, i)), ("pixel_size_angstrom", pixel_size),
                          ("material", material)]
    # while the broker is away Paho queues the message (rc "no connection") and sends it on reconnect
    mids.append(client.publish(topic, payload, qos=1, properties=props).mid)
    delay = start + (i + 1) / rate - time.monotonic()
    if delay > 0:
        time.sleep(delay)

deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    with lock:
        done = sum(1 for m in mids if m in acked)
    if done == count:
        break
    time.sleep(0.1)
client.loop_stop()
client.disconnect()
print("acknowledged %d of %d" % (done, count))
sys.exit(0 if done == count else 1)
