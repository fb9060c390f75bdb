#!/usr/bin/python3
"""A Jupyter client that starts the sedlab kernel, runs one cell, prints 'kernel <pid>' and then waits
to be killed (KernelLifecycleIT kills it with SIGKILL and expects the kernel to exit on its own).
    usage: SEDLAB_KERNEL_NAME=... /usr/bin/python3 src/test/python/kernel/waiting_client.py
"""
import os
import time

from jupyter_client.manager import start_new_kernel

km, kc = start_new_kernel(kernel_name=os.environ["SEDLAB_KERNEL_NAME"], startup_timeout=120)
reply = kc.execute_interactive("1 + 1", timeout=60, output_hook=lambda msg: None)
assert reply["content"]["status"] == "ok", reply["content"]
print("kernel", km.provisioner.pid, flush=True)
time.sleep(600)
