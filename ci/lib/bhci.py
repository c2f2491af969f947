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
# The test kernels ci/kernel builds from Debian's linux-source-VERSION, then
# the distribution kernels it fetches and prepares for module builds only.
TEST_KERNELS = ("6.12", "6.1")
DISTRO_KERNELS = {
    # name: what ci/kernel needs to fetch and prepare it
    "debian-6.1": {
        "arches": ("arm64",),
        "source": "6.1",  # built from linux-source-6.1
        # %s: the ABI number; ci/kernel takes the newest apt knows
        "image": "linux-image-6.1.0-%s-arm64-unsigned",
        "headers": "linux-headers-6.1.0-%s-arm64",
        "release": "6.1.0-%s-arm64",
        "why_not": "Debian 12 (bookworm) has no riscv64 kernel package",
    },
}
KERNELS = TEST_KERNELS + tuple(DISTRO_KERNELS)
# What a machine needs for its virtio console (/dev/hvc0) when the kernel
# has them as modules: the virtio-mmio transport and the console driver.
CONSOLE_MODULES = ("virtio_mmio", "virtio_console")

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


def check_kernel(arch, kernel):
    """Die when KERNEL does not exist for ARCH (a distribution kernel may not)."""
    spec = DISTRO_KERNELS.get(kernel)
    if spec and arch not in spec["arches"]:
        die("kernel %s is %s only: %s" % (kernel, ", ".join(spec["arches"]), spec["why_not"]), 2)


# A distribution kernel's KDIR (ci/kernel) keeps its image package unpacked
# here, with the modules.dep depmod made: lib/modules/RELEASE/...
PACKAGE_ROOT = "package"


def module_dir(kdir, release):
    """The module tree of the kernel of KDIR (with modules.dep), or None for
    a kernel built with every driver the machines need (the test kernels)."""
    d = os.path.join(kdir, PACKAGE_ROOT, "lib", "modules", release)
    return d if os.path.exists(os.path.join(d, "modules.dep")) else None


MODULE_SUFFIXES = (".ko", ".ko.xz", ".ko.zst", ".ko.gz")


def module_name(path):
    base = os.path.basename(path)
    for suf in MODULE_SUFFIXES:
        if base.endswith(suf):
            base = base[:-len(suf)]
            break
    return base.replace("-", "_")


def module_closure(moddir, names):
    """[(name, path)] of the modules NAMES (built in ones left out) and of
    every module they depend on (moddir/modules.dep), in load order:
    dependencies first."""
    deps, paths = {}, {}
    with open(os.path.join(moddir, "modules.dep")) as f:
        for line in f:
            mod, sep, rest = line.partition(":")
            if not sep:
                continue
            name = module_name(mod)
            paths[name] = os.path.join(moddir, mod.strip())
            deps[name] = [module_name(d) for d in rest.split()]
    builtin = set()
    if os.path.exists(os.path.join(moddir, "modules.builtin")):
        with open(os.path.join(moddir, "modules.builtin")) as f:
            builtin = {module_name(l.strip()) for l in f if l.strip()}
    order = []

    def visit(name, chain):
        if name in order:
            return
        if name in chain:
            die("modules.dep of %s: dependency loop %s" % (moddir, " -> ".join(chain + [name])))
        for d in deps[name]:
            visit(d, chain + [name])
        order.append(name)

    for n in names:
        n = n.replace("-", "_")
        if n in builtin and n not in paths:
            continue
        if n not in paths:
            die("module %s is neither in %s/modules.dep nor built in" % (n, moddir))
        visit(n, [])
    return [(n, paths[n]) for n in order]


def module_bytes(path):
    """The contents of a module file, decompressed (.ko.xz, .ko.zst, .ko.gz):
    busybox's insmod and modprobe load plain .ko files only."""
    if path.endswith(".xz"):
        import lzma
        with lzma.open(path) as f:
            return f.read()
    if path.endswith(".gz"):
        import gzip
        with gzip.open(path) as f:
            return f.read()
    if path.endswith(".zst"):
        return subprocess.run(["zstd", "-dcq", path], stdout=subprocess.PIPE,
                              check=True).stdout
    with open(path, "rb") as f:
        return f.read()
