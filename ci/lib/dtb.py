"""Device tree of the QEMU test machine with bulkhead's reserved memory.

QEMU dumps the machine's own DTB (dumpdtb=), dtc decompiles it, a
`reserved-memory` node with a no-map child `bulkhead@BASE` is added (merged
into an existing reserved-memory node if the dump has one) and dtc compiles
it back. The result is cached, keyed on the QEMU version, the machine options
and the reserved range.
"""

import os
import re
import subprocess
import tempfile

import bhci

RECIPE = "1"


def parse_layout(header):
    """-> (base, size) from the #define BULKHEAD_RESERVED_{BASE,SIZE} lines."""
    vals = {}
    rx = re.compile(r"^\s*#\s*define\s+BULKHEAD_RESERVED_(BASE|SIZE)\s+\(?\s*"
                    r"(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\s*\)?\s*(?:/[*/].*)?$")
    with open(header) as f:
        for line in f:
            m = rx.match(line)
            if m:
                vals[m.group(1)] = int(m.group(2), 0)
    if set(vals) != {"BASE", "SIZE"}:
        raise ValueError("%s: no numeric #define BULKHEAD_RESERVED_BASE/_SIZE lines" % header)
    return vals["BASE"], vals["SIZE"]


def _cells(value, n):
    return " ".join("0x%x" % ((value >> (32 * (n - 1 - i))) & 0xffffffff) for i in range(n))


def _fdtget(dtb, node, prop):
    r = subprocess.run(["fdtget", "-t", "u", dtb, node, prop], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    return r.stdout.split() if r.returncode == 0 else None


def _props(dtb, node):
    r = subprocess.run(["fdtget", "-p", dtb, node], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    return r.stdout.split() if r.returncode == 0 else None


def add_reserved(dtb_in, dts_out, dtb_out, base, size):
    if base + size > 1 << 64 or size == 0:
        raise ValueError("bad reserved range 0x%x+0x%x" % (base, size))
    dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dtb_in], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    existing = _props(dtb_in, "/reserved-memory")
    lines = ["", "/* added by bulkhead ci/vm */", "/ {", "\treserved-memory {"]
    if existing is None:
        ac, sc = 2, 2
        lines += ["\t\t#address-cells = <2>;", "\t\t#size-cells = <2>;", "\t\tranges;"]
    else:
        ac = int((_fdtget(dtb_in, "/reserved-memory", "#address-cells") or ["2"])[0])
        sc = int((_fdtget(dtb_in, "/reserved-memory", "#size-cells") or ["1"])[0])
        if "ranges" not in existing:
            lines.append("\t\tranges;")
        if base >> (32 * ac) or size >> (32 * sc):
            raise ValueError("reserved range does not fit existing reserved-memory cells")
    lines += ["\t\tbulkhead@%x {" % base,
              "\t\t\treg = <%s %s>;" % (_cells(base, ac), _cells(size, sc)),
              "\t\t\tno-map;",
              "\t\t};", "\t};", "};"]
    # Random seeds make the dump non-deterministic; a cached DTB must not
    # pretend to carry fresh entropy.
    chosen = _props(dtb_in, "/chosen") or []
    drop = [p for p in ("rng-seed", "kaslr-seed") if p in chosen]
    if drop:
        lines += ["&{/chosen} {"] + ["\t/delete-property/ %s;" % p for p in drop] + ["};"]
    with open(dts_out, "w") as f:
        f.write(dts + "\n".join(lines) + "\n")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb_out, dts_out], check=True)


def machine_dtb(qemu, machine_args, layout_header, arch):
    """Cached DTB for `qemu machine_args...` with bulkhead's reservation.

    machine_args: the machine-defining options (-M first) of the real boot,
    without -kernel/-initrd/-append (they only change /chosen, which QEMU
    rewrites when loading -dtb)."""
    base, size = parse_layout(layout_header)
    key = bhci.digest(RECIPE, bhci.tool_version(qemu), bhci.tool_version("dtc"),
                      *machine_args, "%x+%x" % (base, size))
    out = os.path.join(bhci.cache_dir("dtb"), "%s-%s.dtb" % (arch, key))
    if os.path.exists(out):
        return out, base, size
    with tempfile.TemporaryDirectory(prefix="bulkhead-dtb-") as tmp:
        raw = os.path.join(tmp, "qemu.dtb")
        margs = list(machine_args)
        assert margs[0] == "-M"
        margs[1] += ",dumpdtb=" + raw
        r = subprocess.run([qemu] + margs + ["-display", "none", "-monitor", "none",
                                             "-serial", "none"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0 or not os.path.exists(raw):
            raise RuntimeError("QEMU could not dump the DTB:\n" + r.stdout)
        new = os.path.join(tmp, "bulkhead.dtb")
        add_reserved(raw, os.path.join(tmp, "bulkhead.dts"), new, base, size)
        os.replace(new, out + ".tmp%d" % os.getpid())
        os.replace(out + ".tmp%d" % os.getpid(), out)
    return out, base, size
