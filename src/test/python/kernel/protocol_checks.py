#!/usr/bin/python3
"""Checks the sedlab kernel's answers to the Jupyter messaging protocol through jupyter_client, as a
front end sends them: Run All stopping at an error (stop_on_error, also after an interrupt),
System.exit in a cell, a reply with a status for every request type, completion after another statement.
Prints one line per check and 'N passed, N failed'; exits 1 if any failed.
    usage: SEDLAB_KERNEL_NAME=$(bash environment/kernelspec.sh --name) /usr/bin/python3 src/test/python/kernel/protocol_checks.py
"""
import os
import sys
import time
import uuid

from jupyter_client.manager import start_new_kernel

KERNEL = os.environ["SEDLAB_KERNEL_NAME"]
TIMEOUT = 60
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok      " if ok else "FAILED  ") + name + ("" if ok else f": {detail}"))


def replies_to(kc, msg_ids, channel="shell"):
    """The reply content for each msg_id, in the order asked, whatever order they come in."""
    get = kc.get_shell_msg if channel == "shell" else kc.get_control_msg
    found = {}
    while len(found) < len(msg_ids):
        msg = get(timeout=TIMEOUT)
        parent = msg["parent_header"].get("msg_id")
        if parent in msg_ids:
            found[parent] = msg
    return [found[m] for m in msg_ids]


def run_queued(kc, cells, stop_on_error=True):
    """Sends all cells at once, as Run All does; returns their reply statuses."""
    ids = [kc.execute(code, stop_on_error=stop_on_error) for code in cells]
    return [r["content"]["status"] for r in replies_to(kc, ids)]


def value(kc, code):
    """The text/plain result of one cell, or its error name."""
    outputs = []
    kc.execute_interactive(code, timeout=TIMEOUT, output_hook=outputs.append)
    for m in outputs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]["text/plain"]
        if m["msg_type"] == "error":
            return m["content"]["ename"] + ": " + m["content"]["evalue"]
    return None


def request(kc, msg_type, content, channel="shell"):
    """Sends a raw request of any type and returns its reply message."""
    msg = kc.session.msg(msg_type, content)
    getattr(kc, channel + "_channel").send(msg)
    return replies_to(kc, [msg["header"]["msg_id"]], channel)[0]


km, kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=120)
try:
    # 1. Run All with an error in cell 2: the cells behind it are aborted, not run.
    statuses = run_queued(kc, ["int a = 1;", 'throw new IllegalStateException("cell 2 fails");',
                               "int b = 2;", "a + 1"])
    check("stop_on_error aborts the queued cells", statuses == ["ok", "error", "aborted", "aborted"], statuses)
    check("the aborted cells did not run", value(kc, "b").startswith("CompilationException"), value(kc, "b"))
    check("a cell sent after the abort runs", value(kc, "a + 1") == "2", value(kc, "a + 1"))

    statuses = run_queued(kc, ['throw new IllegalStateException("fails");', "int c = 3;"], stop_on_error=False)
    check("without stop_on_error the next cell runs", statuses == ["error", "ok"], statuses)

    # The same after an interrupt: a long Run All can be stopped.
    ids = [kc.execute(code) for code in ["long n = 0; while (true) { n++; }", "int d = 4;", "d"]]
    time.sleep(1.5)
    km.interrupt_kernel()
    statuses = [r["content"]["status"] for r in replies_to(kc, ids)]
    check("an interrupt aborts the queued cells", statuses == ["error", "aborted", "aborted"], statuses)
    check("kernel usable after the aborts", value(kc, "a * 10") == "10", value(kc, "a * 10"))

    # 2. System.exit is an error in its cell; the kernel and its variables live on.
    exit_result = value(kc, "int kept = 7;\nSystem.exit(3);")
    check("System.exit is an error in the cell", exit_result == "ExitRefusedException: System.exit is not allowed"
          " in a notebook cell; the kernel keeps running", exit_result)
    check("kernel alive, variables kept after System.exit", km.is_alive() and value(kc, "kept") == "7", value(kc, "kept"))
    thread_exit = value(kc, "Thread t = new Thread(() -> System.exit(4)); t.start(); t.join(); kept + 1")
    check("System.exit on a thread a cell started does not end the kernel", km.is_alive() and thread_exit == "8",
          thread_exit)

    # 3. Every request type of the messaging spec gets a reply with a status.
    for msg_type, content, channel in [
            ("kernel_info_request", {}, "shell"),
            ("history_request", {"output": False, "raw": True, "hist_access_type": "tail", "n": 10}, "shell"),
            ("history_request", {"output": False, "raw": True, "hist_access_type": "search", "pattern": "*"}, "shell"),
            ("connect_request", {}, "shell"),
            ("comm_info_request", {}, "shell"),
            ("complete_request", {"code": "Syst", "cursor_pos": 4}, "shell"),
            ("inspect_request", {"code": "Math.max(1, 2)", "cursor_pos": 6, "detail_level": 0}, "shell"),
            ("is_complete_request", {"code": "int x = 1;"}, "shell"),
            ("interrupt_request", {}, "control")]:
        reply = request(kc, msg_type, content, channel)
        status = reply["content"].get("status")
        expected = "complete" if msg_type == "is_complete_request" else "ok"
        check(f"{msg_type} ({content.get('hist_access_type', channel)}) answered with status {expected}",
              reply["header"]["msg_type"] == msg_type.replace("_request", "_reply") and status == expected,
              reply["content"])
    reply = request(kc, "history_request", {"output": False, "raw": True, "hist_access_type": "tail", "n": 10})
    check("history is empty", reply["content"].get("history") == [], reply["content"])
    reply = request(kc, "debug_request", {"type": "request", "seq": 1, "command": "initialize", "arguments": {}},
                    "control")
    check("debug_request gets a failed DAP response", reply["header"]["msg_type"] == "debug_reply"
          and reply["content"].get("success") is False and reply["content"].get("request_seq") == 1, reply["content"])
    # Shift-Tab shows Javadoc, read from the JDK's src.zip (setup.sh installs Debian's openjdk-17-source).
    reply = request(kc, "inspect_request", {"code": "String.valueOf(1)", "cursor_pos": 9, "detail_level": 0})["content"]
    doc = reply.get("data", {}).get("text/plain", "")
    check("inspect shows the JDK's Javadoc", "Returns the string representation" in doc, doc[:300])
    info = request(kc, "kernel_info_request", {})["content"]
    check("kernel_info names the CodeMirror mode text/x-java",
          info["language_info"].get("codemirror_mode") == "text/x-java", info["language_info"])

    # Completion after another statement on the same line.
    code = 'String s = "abc"; s.toUpper'
    reply = request(kc, "complete_request", {"code": code, "cursor_pos": len(code)})["content"]
    check("completion after another statement", "toUpperCase(" in reply["matches"]
          and reply["cursor_start"] == code.index("toUpper"), reply)

    reply = request(kc, "shutdown_request", {"restart": False}, "control")
    check("shutdown_request answered with status ok", reply["content"].get("status") == "ok", reply["content"])
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=False)

del kc, km  # before interpreter shutdown, which would log noise from their destructors
failed = results.count(False)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
