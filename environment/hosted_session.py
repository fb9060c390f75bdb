#!/usr/bin/python3
"""Proves the Binder image without Docker: builds its file system from a bare Debian 12 (debootstrap),
runs the steps of .binder/Dockerfile inside it (chroot; RUN as the recipe's USER, the unprivileged jovyan),
then starts the Notebook server with the command line Binder gives it (environment/binder_session.py: base URL,
token, default URL; Binder never runs the image's CMD) and executes every notebook with the network cut off
(a fresh network namespace holding only loopback), sampling the memory of the kernel and the server
against Binder's 2 GB. Needs root, debootstrap and about 3 GB of disk; takes tens of minutes.
    usage: sudo /usr/bin/python3 environment/hosted_session.py [WORK_DIR=target/hosted-session]
Writes WORK_DIR/result.json and prints it; logs go to WORK_DIR/*.log.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/hosted-session"))
ROOTFS = os.path.join(WORK, "rootfs")
MIRROR = "http://deb.debian.org/debian"
BINDER_LIMIT_MIB = 2048
# The session, as the recipe's user in its WORKDIR: the Notebook server started with Binder's own command
# line (Binder never runs the image's CMD) and used through its base URL and token, then every notebook.
SESSION = """
set -e
/usr/bin/python3 environment/binder_session.py
python3 -c 'import socket, json; print("network interfaces:", json.dumps([n for _, n in socket.if_nameindex()]))'
python3 -c 'import socket
try:
    socket.getaddrinfo("deb.debian.org", 80); print("name lookup: WORKS (network reachable)")
except OSError as e:
    print("name lookup: fails (" + str(e) + ")")'
bash environment/run-notebooks.sh notebooks target/notebooks
"""


def log(message):
    print(f"hosted-session: {message}", flush=True)


def run(command, log_name, **kwargs):
    """Runs a command at the lowest CPU and I/O priority, its output appended to WORK/log_name."""
    with open(os.path.join(WORK, log_name), "a") as out:
        subprocess.run(["nice", "-n", "19", "ionice", "-c3", *command], check=True, stdout=out,
                       stderr=subprocess.STDOUT, **kwargs)


def recipe_steps(dockerfile):
    """The Dockerfile's instructions as (keyword, argument) pairs, continuation lines joined."""
    text = re.sub(r"\\\n", " ", open(dockerfile).read())
    steps = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, argument = line.partition(" ")
            steps.append((keyword.upper(), argument.strip()))
    return steps


def expand(text, variables):
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: variables.get(m.group(1) or m.group(2), m.group(0)), text)


class Image:
    """The recipe applied to ROOTFS: ARG, ENV, COPY, RUN, USER, WORKDIR as Docker does them."""

    def __init__(self, context):
        self.context = context
        self.variables = {}
        self.args = {}  # as in Docker: seen by RUN as environment variables, not kept in the image's
        self.env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
        self.user = "root"
        self.workdir = "/"
        self.step_seconds = []

    def apply(self, keyword, argument):
        started = time.monotonic()
        if keyword == "FROM":
            if not argument.startswith("debian:bookworm"):
                raise SystemExit(f"hosted-session: the recipe starts FROM {argument}, not Debian 12")
        elif keyword == "ARG":
            name, _, default = argument.partition("=")
            self.variables[name] = self.args[name] = default
        elif keyword == "ENV":
            for pair in shlex.split(argument):
                name, _, value = pair.partition("=")
                self.env[name] = self.variables[name] = expand(value, self.variables)
        elif keyword == "USER":
            self.user = expand(argument, self.variables)
        elif keyword == "WORKDIR":
            self.workdir = expand(argument, self.variables)
        elif keyword == "COPY":
            self.copy(shlex.split(expand(argument, self.variables)))
        elif keyword == "RUN":
            self.run(argument, "recipe.log")
        self.step_seconds.append([f"{keyword} {argument[:60]}", round(time.monotonic() - started, 1)])

    def copy(self, words):
        owner = None
        if words[0].startswith("--chown="):
            owner = words.pop(0).split("=", 1)[1]
        source, target = words
        inside = os.path.join(ROOTFS, target.lstrip("/"))
        if source == ".":
            os.makedirs(inside, exist_ok=True)
            subprocess.run(["cp", "-a", f"{self.context}/.", inside], check=True)
        else:
            subprocess.run(["cp", "-a", os.path.join(self.context, source), inside], check=True)
        if owner:
            subprocess.run(["chown", "-R", owner, inside], check=True)

    def command(self, script, building=True):
        """chroot into the image as the recipe's user, in its WORKDIR, with only its ENV (and ARGs while building)."""
        spec = "0:0" if self.user == "root" else f"{self.uid(self.user)}:{self.uid(self.user)}"
        env = [f"{k}={v}" for k, v in ({**self.args, **self.env} if building else self.env).items()]
        return ["chroot", f"--userspec={spec}", ROOTFS, "/usr/bin/env", "-i", *env,
                "/bin/sh", "-c", f"cd {shlex.quote(self.workdir)} && {script}"]

    def run(self, script, log_name):
        run(self.command(script), log_name)

    def uid(self, user):
        for line in open(os.path.join(ROOTFS, "etc/passwd")):
            fields = line.split(":")
            if fields[0] == user:
                return fields[2]
        raise SystemExit(f"hosted-session: no user {user} in the image")


class MemorySampler(threading.Thread):
    """Peak resident memory of the image's processes: the kernel, the Notebook server, all together."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peaks = {"kernel": 0, "server": 0, "all": 0}
        self.running = True

    def run(self):
        while self.running:
            now = {"kernel": 0, "server": 0, "all": 0}
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    if os.readlink(f"/proc/{pid}/root") != ROOTFS:
                        continue
                    cmdline = open(f"/proc/{pid}/cmdline", "rb").read()
                    rss = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS:"))
                except (OSError, StopIteration):
                    continue
                now["all"] += rss
                if b"org.sedlab.kernel.KernelMain" in cmdline:
                    now["kernel"] += rss
                elif b"jupyter-notebook" in cmdline:
                    now["server"] += rss
            for key in now:
                self.peaks[key] = max(self.peaks[key], now[key])
            time.sleep(0.5)

    def peaks_mib(self):
        return {key: round(kib / 1024) for key, kib in self.peaks.items()}


def mount_system_folders():
    for folder, how in [("proc", ["-t", "proc", "proc"]), ("sys", ["--rbind", "/sys"]),
                        ("dev", ["--rbind", "/dev"])]:
        target = os.path.join(ROOTFS, folder)
        if not os.path.ismount(target):
            subprocess.run(["mount", *how, target], check=True)
            subprocess.run(["mount", "--make-rslave", target], check=False)


def unmount_system_folders():
    for folder in ["dev", "sys", "proc"]:
        target = os.path.join(ROOTFS, folder)
        if os.path.ismount(target):
            subprocess.run(["umount", "-R", "-l", target], check=True)


def main():
    if os.geteuid() != 0:
        raise SystemExit("hosted-session: run as root (debootstrap, chroot and unshare need it)")
    result = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    os.makedirs(WORK, exist_ok=True)
    started = time.monotonic()

    # A bare Debian 12, as the recipe's FROM debian:bookworm-slim: the minbase variant, nothing else.
    unmount_system_folders()
    subprocess.run(["rm", "-rf", ROOTFS, os.path.join(WORK, "context")], check=True)
    for name in ["debootstrap.log", "recipe.log", "session.log", "result.json"]:
        if os.path.exists(os.path.join(WORK, name)):
            os.remove(os.path.join(WORK, name))
    log(f"debootstrap bookworm into {ROOTFS}")
    run(["debootstrap", "--variant=minbase", "bookworm", ROOTFS, MIRROR], "debootstrap.log")
    result["debootstrap_seconds"] = round(time.monotonic() - started)

    # The build context Binder sees: the committed tree, as a fresh clone has it.
    context = os.path.join(WORK, "context")
    os.makedirs(context)
    subprocess.run(f"git -C {shlex.quote(ROOT)} archive HEAD | tar -x -C {shlex.quote(context)}", shell=True, check=True)
    result["commit"] = subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()

    image = Image(context)
    mount_system_folders()
    try:
        subprocess.run(["cp", "/etc/resolv.conf", os.path.join(ROOTFS, "etc/resolv.conf")], check=True)
        # Docker gives every container an /etc/hosts naming its host; a chroot has none, and Java's
        # InetAddress.getLocalHost (Maven's resolver in the kernel calls it) would fail.
        with open(os.path.join(ROOTFS, "etc/hosts"), "w") as hosts:
            hosts.write(f"127.0.0.1\tlocalhost\n127.0.1.1\t{os.uname().nodename}\n::1\tlocalhost ip6-localhost\n")
        # A network that inspects TLS needs the CA certificates this machine added; the recipe's
        # ca-certificates then trusts them too (Binder's network needs none).
        local_cas = os.path.join(ROOTFS, "usr/local/share/ca-certificates")
        os.makedirs(local_cas, exist_ok=True)
        subprocess.run(f"cp /usr/local/share/ca-certificates/*.crt {shlex.quote(local_cas)}/ 2> /dev/null || true",
                       shell=True, check=True)
        build_started = time.monotonic()
        for keyword, argument in recipe_steps(os.path.join(ROOT, ".binder/Dockerfile")):
            log(f"{keyword} {argument[:100]}")
            image.apply(keyword, argument)
        result["build_seconds"] = round(time.monotonic() - build_started)
        result["build_steps_seconds"] = image.step_seconds
        result["image_mib"] = round(int(subprocess.run(["du", "-sm", "-x", ROOTFS], capture_output=True,
                                                       text=True).stdout.split()[0]))

        # The session, offline: a new network namespace with loopback only.
        log("session: the server as Binder starts it, and every notebook, with the network cut off")
        sampler = MemorySampler()
        sampler.start()
        session_started = time.monotonic()
        session = image.command(SESSION, building=False)
        with open(os.path.join(WORK, "session.log"), "w") as out:
            code = subprocess.run(["nice", "-n", "19", "unshare", "-n", "/bin/sh", "-c",
                                   "ip link set lo up && exec " + " ".join(shlex.quote(w) for w in session)],
                                  stdout=out, stderr=subprocess.STDOUT).returncode
        sampler.running = False
        sampler.join()
        result["session_seconds"] = round(time.monotonic() - session_started)
        result["session_exit_code"] = code
        result["peak_rss_mib"] = sampler.peaks_mib()
        result["binder_limit_mib"] = BINDER_LIMIT_MIB
        session_log = open(os.path.join(WORK, "session.log")).read()
        result["network"] = [l for l in session_log.splitlines() if l.startswith(("network interfaces", "name lookup"))]
        result["notebooks"] = [l for l in session_log.splitlines() if l.startswith("notebook")]
        result["binder_session"] = next((json.loads(l) for l in session_log.splitlines() if l.startswith('{"command"')), None)
    finally:
        unmount_system_folders()
    result["wall_seconds"] = round(time.monotonic() - started)
    with open(os.path.join(WORK, "result.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result, indent=1))
    sys.exit(0 if result.get("session_exit_code") == 0 else 1)


if __name__ == "__main__":
    main()
