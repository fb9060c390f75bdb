#!/usr/bin/python3
"""Starts the Notebook server the way Binder does and uses it only through Binder's base URL and token.

Binder never runs the image's CMD: its spawner (BinderHub's BinderSpawnerMixin) starts `jupyter-notebook`
in the image's WORKDIR with a command line of its own: --ip, --port, a per-user --NotebookApp.base_url, a
random --NotebookApp.token, --NotebookApp.trust_xheaders, the launch link's urlpath as
--NotebookApp.default_url, and each --NotebookApp.* option repeated as --ServerApp.* for newer servers.
This script starts exactly that in the repository's root, then checks, through the base URL:
  the API answers with the token and refuses a request without it; the default URL opens the notebook
  folder; a session on notebooks/00-kernel-tour.ipynb starts the sedlab kernel; a cell runs over the
  kernel's websocket and its result comes back.
    usage: /usr/bin/python3 environment/binder_session.py [--kernel NAME]
           (default: $SEDLAB_KERNEL_NAME, else this checkout's kernel)
Prints one JSON line with what it saw; exit status 0 when every check holds.
"""
import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid

from tornado import httpclient, ioloop, websocket

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE_URL = "/user/sedlab-binder-check/"
DEFAULT_URL = "/tree/notebooks"  # the README's launch link: ?urlpath=tree/notebooks


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def binder_command(port, token):
    """BinderSpawnerMixin.get_args() for an unauthenticated Binder, after its cmd `jupyter-notebook`."""
    args = ["--ip=0.0.0.0", f"--port={port}", f"--NotebookApp.base_url={BASE_URL}", f"--NotebookApp.token={token}",
            "--NotebookApp.trust_xheaders=True", f"--NotebookApp.default_url={DEFAULT_URL}"]
    args += [a.replace("--NotebookApp.", "--ServerApp.") for a in args if a.startswith("--NotebookApp.")]
    # Binder runs as the image's user; a CI machine may run this as root, which the server refuses without this.
    if os.geteuid() == 0:
        args.append("--allow-root")
    return ["jupyter-notebook", *args]


def kernel_name():
    return subprocess.run(["bash", os.path.join(ROOT, "environment/kernelspec.sh"), "--name"], capture_output=True,
                          text=True, check=True).stdout.strip()


async def run_cell(ws_url, code):
    """One execute_request over the kernel's channels; the text/plain result or the error's name."""
    connection = await websocket.websocket_connect(ws_url)
    msg_id = uuid.uuid4().hex
    connection.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": "binder-check", "session": uuid.uuid4().hex, "msg_type": "execute_request",
                   "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
                    "stop_on_error": True}}))
    result = None
    while True:
        message = json.loads(await connection.read_message())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "execute_result":
            result = message["content"]["data"].get("text/plain")
        elif message["msg_type"] == "error":
            result = "error: " + message["content"]["ename"]
        elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle" and result is not None:
            connection.close()
            return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", help="kernel spec to start (default: this checkout's)")
    options = parser.parse_args()
    kernel = options.kernel or os.environ.get("SEDLAB_KERNEL_NAME") or kernel_name()
    port = free_port()
    token = secrets.token_hex(16)
    origin = f"http://127.0.0.1:{port}"
    seen = {"command": " ".join(binder_command(port, "TOKEN")), "kernel": kernel}
    checks = {}
    log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"binder-session-{port}.log"), "w")
    server = subprocess.Popen(binder_command(port, token), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    client = httpclient.HTTPClient()

    def get(path, with_token=True, method="GET", body=None):
        headers = {"Authorization": f"token {token}"} if with_token else {}
        return client.fetch(origin + BASE_URL + path, method=method, body=body, headers=headers, raise_error=False,
                            follow_redirects=False)

    try:
        for _ in range(240):
            if server.poll() is not None:
                raise SystemExit(f"binder-session: the server exited ({server.returncode}); see {log.name}")
            try:
                if get("api/status").code == 200:
                    break
            except OSError:
                pass  # not listening yet
            time.sleep(0.5)
        checks["api answers at the base URL with the token"] = get("api/status").code == 200
        checks["a request without the token is refused"] = get("api/contents", with_token=False).code in (401, 403)
        landing = get("")
        seen["base_url_redirects_to"] = landing.headers.get("Location")
        checks["the base URL opens the notebook folder (default_url)"] = (landing.code in (301, 302)
                                                                        and landing.headers.get("Location", "").split("?")[0].endswith(BASE_URL + "tree/notebooks"))
        listing = json.loads(get("api/contents/notebooks").body)
        names = sorted(item["name"] for item in listing["content"])
        seen["notebooks"] = len([n for n in names if n.endswith(".ipynb")])
        checks["the notebook folder lists the notebooks"] = "00-kernel-tour.ipynb" in names
        session = get("api/sessions", method="POST", body=json.dumps({
            "path": "notebooks/00-kernel-tour.ipynb", "type": "notebook", "name": "", "kernel": {"name": kernel}}))
        checks["a session starts the sedlab kernel"] = session.code == 201
        if session.code == 201:
            kernel_id = json.loads(session.body)["kernel"]["id"]
            ws_url = f"ws://127.0.0.1:{port}{BASE_URL}api/kernels/{kernel_id}/channels?token={token}"
            started = time.monotonic()
            result = ioloop.IOLoop.current().run_sync(
                lambda: run_cell(ws_url, "org.sedlab.paper.Paper.standard().named(\"section3\").title()"), timeout=180)
            seen["cell_result"] = result
            seen["first_cell_seconds"] = round(time.monotonic() - started, 1)
            checks["a cell runs over the kernel's websocket"] = result is not None and result.strip('"').startswith("Tables 1-3")
            get("api/sessions/" + json.loads(session.body)["id"], method="DELETE")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    seen["checks"] = checks
    print(json.dumps(seen))
    sys.exit(0 if checks and all(checks.values()) else 1)


if __name__ == "__main__":
    main()
