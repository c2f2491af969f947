#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Seeds of the host fuzz targets that need no C of ours (tests/fuzz/Makefile).

    seeds.py dtbs DIR        QEMU's device trees into DIR/*.dtb
    seeds.py seeds BUILD TOP the seeds of BUILD/seed-TARGET/ made from them,
                             from the shipped configs and from texts

The device trees are QEMU's, dumped as tests/host/config-create.sh dumps
them (ci/lib/dtb.py: the test machines with ci/vm's reservation, cached in
~/.cache/bulkhead/dtb; the other shapes straight from -M ...,dumpdtb=).
Without QEMU, or when a dump fails, that tree is left out with a note: the
targets still have their other seeds.
"""

import glob
import gzip
import os
import shutil
import struct
import subprocess
import sys
import tempfile

QEMU = {"arm64": "qemu-system-aarch64", "riscv64": "qemu-system-riscv64"}

# name: (arch, gic, virtualization, smp, mem, with ci/vm's reservation)
MACHINES = {
    "arm64-gicv3": ("arm64", "3", "on", "4", "1G", True),
    "arm64-gicv2": ("arm64", "2", "on", "4", "1G", True),
    "arm64-gicv2-novirt": ("arm64", "2", "off", "4", "1G", True),
    "arm64-gicv3-smp2-2G": ("arm64", "3", "on", "2", "2G", False),
    "arm64-gicv3-smp8": ("arm64", "3", "on", "8", "1G", False),
    "riscv64": ("riscv64", None, None, "4", "1G", True),
    "riscv64-smp8": ("riscv64", None, None, "8", "1G", False),
}


def machine_args(arch, gic, virt, smp, mem):
    """The machine of ci/vm, as tests/host/config-create.sh's dump()."""
    qemu = QEMU[arch]
    if arch == "arm64":
        margs = ["-M", "virt,virtualization=%s,gic-version=%s%s" % (
            virt, gic, ",its=off" if gic == "3" else ""), "-cpu", "cortex-a57"]
        probe = subprocess.run([qemu, "-M", "virt,help"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True).stdout
        if "dtb-randomness" in probe:
            margs[1] += ",dtb-randomness=off"
    else:
        margs = ["-M", "virt", "-cpu", "rv64,h=true"]
    margs += ["-smp", smp, "-m", mem, "-nic", "none"]
    margs += ["-bios", "default"] if arch == "riscv64" else []
    margs += ["-device", "virtio-serial-device", "-chardev", "null,id=c2",
              "-device", "virtconsole,chardev=c2"]
    return qemu, margs


def dump_dtbs(out_dir, top):
    sys.path.insert(0, os.path.join(top, "ci", "lib"))
    import dtb as dtblib
    for name, (arch, gic, virt, smp, mem, reserved) in MACHINES.items():
        out = os.path.join(out_dir, name + ".dtb")
        if os.path.exists(out):
            continue
        if not shutil.which(QEMU[arch]):
            print("seeds.py: no %s: no seed %s.dtb" % (QEMU[arch], name))
            continue
        try:
            qemu, margs = machine_args(arch, gic, virt, smp, mem)
            if reserved:
                path, _, _ = dtblib.machine_dtb(
                    qemu, margs, os.path.join(top, "configs", arch, "qemu-virt-layout.h"),
                    arch)
                shutil.copy(path, out + ".tmp")
            else:
                margs[1] += ",dumpdtb=" + out + ".tmp"
                subprocess.run([qemu] + margs + ["-display", "none", "-monitor", "none",
                                                 "-serial", "none"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=True, timeout=60)
                # QEMU pads its dump to 1 MiB: dtc packs it.
                subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", out + ".tmp",
                                out + ".tmp"], check=True)
            os.replace(out + ".tmp", out)
        except (OSError, subprocess.SubprocessError, RuntimeError, ValueError) as e:
            print("seeds.py: cannot dump %s.dtb (%s): left out" % (name, e))


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def dtbs_of(build):
    found = {}
    for path in sorted(glob.glob(os.path.join(build, "dtbs", "*.dtb"))):
        with open(path, "rb") as f:
            found[os.path.basename(path)[:-4]] = f.read()
    return found


# Linux Image headers (booting.rst, boot-image-header.rst) of both arches.
def image(arch, text_offset, image_size, body=4096):
    hdr = bytearray(64)
    struct.pack_into("<QQQ", hdr, 8, text_offset, image_size, 0xa)
    if arch == "arm64":
        hdr[56:60] = b"ARM\x64"
    else:
        hdr[48:56] = b"RISCV\0\0\0"
        hdr[56:60] = b"RSC\x05"
    # Something that compresses like code: repeats with variations.
    tail = bytes((i * 7 + (i >> 5)) & 0xff for i in range(body))
    return bytes(hdr) + tail


IOMEM = (b"08000000-0800ffff : GICD\n"
         b"09000000-09000fff : pl011@9000000\n"
         b"  09000000-09000fff : 9000000.pl011 pl011@9000000\n"
         b"40000000-6fffffff : System RAM\n"
         b"  40210000-4112ffff : Kernel code\n"
         b"  4d000000-4d0fffff : reserved\n"
         b"70000000-7fffffff : reserved\n"
         b"80000000-bfffffff : System RAM\n")
IOMEM_RV = (b"0c000000-0c5fffff : c000000.plic plic@c000000\n"
            b"10000000-10000007 : serial\n"
            b"80000000-801fffff : Reserved\n"
            b"80200000-afffffff : System RAM\n"
            b"  80202000-80cfffff : Kernel image\n"
            b"b0000000-bfffffff : reserved\n")
IOMEM_HIDDEN = b"00000000-00000000 : GICD\n00000000-00000000 : System RAM\n"
MODULES_DEP = (b"kernel/drivers/net/tun.ko: \n"
               b"extra/bulkhead.ko:\n"
               b"updates/dkms/bulkhead.ko.xz: kernel/foo/bar.ko\n")
VERMAGIC = (b"\x7fELF" + b"\0" * 60 + b"license=GPL\0author=x\0"
            b"vermagic=6.12.0-bulkhead SMP preempt mod_unload aarch64\0name=bulkhead\0")
PRESENT = [b"0-3\n", b"0-3,6\n", b"0,2,4-7\n", b"0-63\n", b"1-\n"]
KMSG = (b"6,123,4567,-;GICv3: 256 SPIs implemented\n"
        b"6,124,4568,-;GICv3: 0 Extended SPIs implemented\n")
SIZES = [b"16M", b"1G", b"0x100000", b"4096", b"2MiB", b"8KB", b"18446744073709551615",
         b"17179869184G", b"-1", b" 1M"]
CELL_SPECS = [b"inmate:cpus=1,mem=1M", b"linux:cpus=2,mem=128M,dev=virtio-console",
              b"inmate:cpus=1,mem=16M,dev=/pl011@9000000,name=uart",
              b"linux:cpus=63,mem=0x1000,name=" + b"x" * 20, b"linux:dev=a,dev=b,dev=c"]
CPU_LISTS = [b"0-3", b"1-2,5", b"0,63", b"4-", b"-", b"18446744073709551615-0", b"0-99999999999"]
ADDRESSES = [b"0x40000000", b"0", b"077", b"0x", b"18446744073709551616"]


def seeds(build, top):
    d = dtbs_of(build)

    # dt_fuzz: flags byte (the cell: 0, 1 arm64, 2, 3 riscv64), the root tree.
    for name, blob in d.items():
        for cell in ((0, 1) if name.startswith("arm64") else (2, 3)):
            write(os.path.join(build, "seed-dt_fuzz", "%s-cell%d" % (name, cell)),
                  bytes([cell]) + blob)
            # -c and -i as well
            write(os.path.join(build, "seed-dt_fuzz", "%s-cell%d-ci" % (name, cell)),
                  bytes([cell | 0x30, 13]) + b"console=ttyS0" + blob)

    # configgen_fuzz: the options byte, then the tree.
    for name, blob in d.items():
        for opts in (0x00, 0x07, 0x1d):
            write(os.path.join(build, "seed-configgen_fuzz", "%s-%02x" % (name, opts)),
                  bytes([opts, 0, 0]) + blob)

    # hwfacts_fuzz: every kind of file hardware check reads, whole.
    hw = os.path.join(build, "seed-hwfacts_fuzz")
    for name, blob in d.items():
        write(os.path.join(hw, name + ".dtb"), blob)
    for i, text in enumerate((IOMEM, IOMEM_RV, IOMEM_HIDDEN, MODULES_DEP, VERMAGIC)):
        write(os.path.join(hw, "text%d" % i), text)
    for path in glob.glob(os.path.join(top, "hypervisor", "bulkhead-*.bin")):
        with open(path, "rb") as f:
            write(os.path.join(hw, os.path.basename(path)[:-4] + "-head"), f.read(4096))

    # image_fuzz: mode byte (0: the input is the kernel file), then the file:
    # Images of both arches, plain and as gzip of every compression level.
    im = os.path.join(build, "seed-image_fuzz")
    for arch, mode in (("arm64", 0x00), ("riscv64", 0x02)):
        raw = image(arch, 0x80000 if arch == "arm64" else 0x200000, 0x1000000)
        write(os.path.join(im, arch + "-Image"), bytes([mode]) + raw)
        for level in (0, 1, 6, 9):
            write(os.path.join(im, "%s-Image.gz-%d" % (arch, level)),
                  bytes([mode]) + gzip.compress(raw, compresslevel=level, mtime=0))
    # mode bit 0: the rest is a payload the target compresses itself.
    write(os.path.join(im, "roundtrip"), b"\x01\x35" + image("arm64", 0, 0x200000, 512))

    # cli_fuzz: the parser byte, then its input.
    cli = os.path.join(build, "seed-cli_fuzz")
    n = 0
    for sel, texts in ((0, SIZES), (1, CELL_SPECS), (2, CPU_LISTS), (3, ADDRESSES),
                       (4, [IOMEM, IOMEM_RV, IOMEM_HIDDEN]), (5, PRESENT), (6, [KMSG])):
        for text in texts:
            write(os.path.join(cli, "%d-%d" % (sel, n)), bytes([sel]) + text)
            n += 1
    for path in sorted(glob.glob(os.path.join(build, "cells", "*.cell"))):
        with open(path, "rb") as f:
            write(os.path.join(cli, "8-" + os.path.basename(path)[:-5]), b"\x08" + f.read())


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "dtbs":
        here = os.path.dirname(os.path.abspath(__file__))
        dump_dtbs(sys.argv[2], os.path.normpath(os.path.join(here, "..", "..")))
    elif len(sys.argv) == 4 and sys.argv[1] == "seeds":
        seeds(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
