"""Shared helpers of bulkhead's ci/ tools (Python 3 stdlib only)."""

import contextlib
import fcntl
import hashlib
import os
import signal
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CI = os.path.join(REPO, "ci")

ARCHES = {
    # arch: (kernel ARCH, cross prefix, Image path in the build dir)
    "arm64": ("arm64", "aarch64-linux-gnu-", "arch/arm64/boot/Image"),
    "riscv64": ("riscv", "riscv64-linux-gnu-", "arch/riscv/boot/Image"),
}
KERNELS = ("6.12", "6.1")

_prog = "ci/" + (os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "?")


def log(msg):
    """Progress/diagnostics: always stderr (stdout carries results)."""
    sys.stderr.write("%s: %s\n" % (_prog, msg))
    sys.stderr.flush()


def die(msg, code=1):
    log("error: " + msg)
    sys.exit(code)


def cache_dir(*parts):
    base = os.environ.get("BULKHEAD_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "bulkhead")
    path = os.path.join(os.path.abspath(base), *parts)
    os.makedirs(path, exist_ok=True)
    return path


@contextlib.contextmanager
def locked(path):
    """Exclusive flock on PATH (created) for the duration of the block."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log("waiting for lock %s (another build in progress)" % path)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def digest(*items):
    h = hashlib.sha256()
    for it in items:
        if isinstance(it, str):
            it = it.encode()
        h.update(len(it).to_bytes(8, "little"))
        h.update(it)
    return h.hexdigest()[:16]


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def pkg_version(pkg):
    """Installed version of a Debian package, or '' if not installed."""
    r = subprocess.run(["dpkg-query", "-W", "-f", "${db:Status-Status} ${Version}", pkg],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if r.returncode != 0:
        return ""
    st, _, ver = r.stdout.partition(" ")
    return ver if st == "installed" else ""


def tool_version(cmd):
    """First line of `cmd --version` ('' if it cannot run)."""
    try:
        r = subprocess.run([cmd, "--version"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return ""
    return r.stdout.splitlines()[0] if r.stdout else ""


def require_tools(*cmds):
    import shutil
    missing = [c for c in cmds if shutil.which(c) is None]
    if missing:
        die("missing tools: %s (run ci/install-deps as root)" % " ".join(missing))


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


# SIGTERM (CI cancellation, timeout(1)) unwinds like Ctrl-C: `finally` blocks
# stop child process groups and remove temporary files.
signal.signal(signal.SIGTERM, _terminate)


def run_group(cmd, **kw):
    """subprocess.run in a new process group; the whole group (make and its
    compilers, QEMU, ...) is stopped if we are interrupted. Returns rc."""
    p = subprocess.Popen(cmd, start_new_session=True, **kw)
    try:
        return p.wait()
    except BaseException:
        kill_group(p)
        raise


def kill_group(p, grace=10):
    if p.poll() is not None:
        return
    try:
        os.killpg(p.pid, signal.SIGTERM)
        p.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    except ProcessLookupError:
        pass


def run_logged(cmd, logf, cwd=None, env=None):
    """Run CMD with stdout+stderr appended to the open file LOGF; return rc."""
    logf.write("\n$ %s\n" % " ".join(cmd))
    logf.flush()
    return run_group(cmd, stdout=logf, stderr=subprocess.STDOUT,
                     stdin=subprocess.DEVNULL, cwd=cwd, env=env)


def tail(path, n=40):
    try:
        with open(path, "rb") as f:
            lines = f.read().decode(errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-n:])


def check_arch(arch):
    if arch not in ARCHES:
        die("ARCH must be one of %s, not %r" % ("|".join(ARCHES), arch), 2)
