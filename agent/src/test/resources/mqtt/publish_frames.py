"""Publishes one NPY frame COUNT times under ids PREFIX-0000, PREFIX-0001, ..., then the first REPEAT ids
again (as a broker redelivering frames would), with Eclipse Paho for Python (MQTT 5, QoS 1, user properties).

Usage: publish_frames.py PORT TOPIC FRAME.npy PREFIX COUNT REPEAT
"""
import sys

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

port, topic, path, prefix, count, repeat = sys.argv[1:7]
with open(path, "rb") as f:
    payload = f.read()
client = mqtt.Client(client_id="py-microscope-" + prefix, protocol=mqtt.MQTTv5)
client.max_inflight_messages_set(50)
client.connect("127.0.0.1", int(port))
client.loop_start()
ids = ["%s-%04d" % (prefix, i) for i in range(int(count))]
infos = []
for frame_id in ids + ids[: int(repeat)]:
    props = Properties(PacketTypes.PUBLISH)
    props.UserProperty = [("frame_id", frame_id), ("pixel_size_angstrom", "0.14"), ("material", "graphene")]
    infos.append(client.publish(topic, payload, qos=1, properties=props))
for info in infos:
    info.wait_for_publish(30)
ok = all(info.is_published() for info in infos)
client.loop_stop()
client.disconnect()
sys.exit(0 if ok else 1)
