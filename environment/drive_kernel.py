#!/usr/bin/python3
"""Drives the sedlab kernel through jupyter_client as a front end would, checks what it answers and
measures it: start time, a cell's round trip, idle memory; execute, complete, interrupt, restart,
shutdown. Prints one JSON object; exits 1 if a check failed.
    usage: /usr/bin/python3 environment/drive_kernel.py [kernel_name]   (default: this checkout's kernel)
"""
import json
import os
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager

KERNEL = sys.argv[1] if len(sys.argv) > 1 else subprocess.check_output(
    ["bash", os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernelspec.sh"), "--name"], text=True).strip()
checks, metrics = {}, {}


def run(kc, code, timeout=120):
    """Executes code; returns (reply content, list of iopub messages for it)."""
    outputs = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=outputs.append, allow_stdin=False)
    return reply["content"], outputs


def text_results(outputs):
    return [m["content"]["data"].get("text/plain", "") for m in outputs
            if m["msg_type"] in ("execute_result", "display_data")]


def stream_text(outputs, name):
    return "".join(m["content"]["text"] for m in outputs
                   if m["msg_type"] == "stream" and m["content"]["name"] == name)


def errors(outputs):
    return [m["content"] for m in outputs if m["msg_type"] == "error"]


def check(name, ok, detail=""):
    checks[name] = "ok" if ok else "FAILED: " + str(detail)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def wait_ready(km):
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return kc


km = KernelManager(kernel_name=KERNEL)
started = time.monotonic()
km.start_kernel()
kc = wait_ready(km)
metrics["start_seconds"] = round(time.monotonic() - started, 2)
try:
    reply, out = run(kc, "1 + 1")
    metrics["first_result_seconds"] = round(time.monotonic() - started, 2)
    check("execute returns the value", reply["status"] == "ok" and text_results(out) == ["2"], (reply, out))

    round_trips = []
    for i in range(20):
        t = time.monotonic()
        run(kc, f"{i} * 2")
        round_trips.append((time.monotonic() - t) * 1000)
    metrics["cell_round_trip_ms_median"] = round(statistics.median(round_trips), 1)

    reply, out = run(kc, 'System.out.println("to stdout"); System.err.println("to stderr");')
    check("stdout and stderr stream", stream_text(out, "stdout") == "to stdout\n"
          and stream_text(out, "stderr") == "to stderr\n", out)

    reply, out = run(kc, 'throw new IllegalStateException("boom");')
    errs = errors(out)
    check("exception keeps the user's name", reply["status"] == "error" and errs
          and errs[0]["ename"] == "IllegalStateException" and errs[0]["evalue"] == "boom", (reply, out))

    reply, out = run(kc, 'String s = 42;')
    errs = errors(out)
    check("compile error is reported", errs and errs[0]["ename"] == "CompilationException"
          and any("incompatible types" in line for line in errs[0]["traceback"]), out)

    reply, out = run(kc, '%nosuchmagic')
    errs = errors(out)
    check("unknown magic is a clear error", errs and "nosuchmagic" in errs[0]["evalue"]
          and len(errs[0]["traceback"]) <= 3, out)

    run(kc, "int kept = 5;")
    msg_id = kc.execute("long n = 0; while (true) { n++; }")
    time.sleep(1.5)
    interrupted = time.monotonic()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=30)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=30)
    metrics["interrupt_seconds"] = round(time.monotonic() - interrupted, 2)
    check("interrupt stops a busy loop", reply["content"]["status"] == "error"
          and reply["content"]["ename"] == "CellInterruptedException", reply["content"])
    reply, out = run(kc, "kept * 2")
    check("kernel usable after interrupt", text_results(out) == ["10"], out)

    reply = kc.complete("Syst", 4, reply=True, timeout=30)["content"]
    check("completion", "System" in reply["matches"], reply)

    reply = kc.inspect("Math.max(1, 2)", 6, reply=True, timeout=30)["content"]
    check("inspection", reply["found"] and "max" in reply["data"]["text/plain"], reply)

    time.sleep(2)
    metrics["idle_rss_mib"] = round(rss_kib(km.provisioner.process.pid) / 1024, 1)

    reply, out = run(kc, "Nd4j.create(new double[] {1, 2, 3}).sumNumber().doubleValue()")
    check("nd4j works in a cell, its logging kept out of the cell", text_results(out) == ["6.0"]
          and not stream_text(out, "stderr") and not stream_text(out, "stdout"), out)

    reply, out = run(kc, 'Class.forName("org.zeromq.ZMQ")')
    check("kernel's own ZeroMQ is invisible to cells", errors(out)
          and errors(out)[0]["ename"] == "ClassNotFoundException", out)
    reply, out = run(kc, "%maven org.zeromq:jeromq:0.5.4\n"
                         "org.zeromq.ZMQ.class.getProtectionDomain().getCodeSource().getLocation().toString()",
                     timeout=300)
    check("a user's %maven version of a kernel library wins",
          any("jeromq-0.5.4.jar" in t for t in text_results(out)), out)

    restarted = time.monotonic()
    km.restart_kernel(now=False)
    kc.stop_channels()
    kc = wait_ready(km)
    metrics["restart_seconds"] = round(time.monotonic() - restarted, 2)
    reply, out = run(kc, "kept")
    check("restart gives a fresh shell", reply["status"] == "error", out)
    reply, out = run(kc, "3 + 4")
    check("kernel works after restart", text_results(out) == ["7"], out)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)
check("shutdown ends the kernel process", not km.is_alive())

del kc, km  # before interpreter shutdown, which would log noise from their destructors
print(json.dumps({"checks": checks, "metrics": metrics}, indent=1))
sys.exit(0 if all(v == "ok" for v in checks.values()) else 1)
