"""Publishes one NPY frame as a microscope would, with Eclipse Paho for Python (MQTT 5, user properties).

Usage: publish_frame.py PORT TOPIC FRAME.npy FRAME_ID PIXEL_SIZE MATERIAL
"""
import sys

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

port, topic, path, frame_id, pixel_size, material = sys.argv[1:7]
client = mqtt.Client(client_id="py-microscope-" + frame_id, protocol=mqtt.MQTTv5)
client.connect("127.0.0.1", int(port))
client.loop_start()
props = Properties(PacketTypes.PUBLISH)
props.UserProperty = [("frame_id", frame_id), ("pixel_size_angstrom", pixel_size), ("material", material)]
with open(path, "rb") as f:
    info = client.publish(topic, f.read(), qos=1, properties=props)
info.wait_for_publish(10)
ok = info.is_published()
client.loop_stop()
client.disconnect()
sys.exit(0 if ok else 1)
