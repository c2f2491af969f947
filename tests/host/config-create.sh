#!/bin/bash
# tests/host/config-create.sh [ARCH...]: `bulkhead config create --root-dtb`
# with the host CLI (tools/bulkhead, make host-tools) on device trees QEMU
# dumps (-M ...,dumpdtb=):
#   - the test machine of ci/vm, with its reserved-memory node made as ci/vm
#     makes it (ci/lib/dtb.py): the configs are written, build with their
#     Makefile, pass `bulkhead config check`, and say what the hand-written
#     configs/ARCH/qemu-virt*.c say about the hypervisor, the console, the
#     interrupt controller, the CPUs and the Linux cell;
#   - the arm64 test machine with a GICv2 (gic-version=2, as ci/vm --gic 2
#     boots it): the same, against configs/arm64/qemu-virt-gicv2.c, and
#     the GIC's frames are no root memory; with gic-version=2 but without
#     virtualization=on (a GIC without GICH and GICV) the command fails
#     and says the GIC has no virtualization extensions;
#   - machines of other shapes (arm64 -smp 2 -m 2G and -smp 8 -m 1G, riscv64
#     2 and 8 harts) without a reservation: the command fails and names the
#     node to add; with that node added, the configs build and pass check.
# Prints PASS/FAIL lines and "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
top=$PWD
cli=$top/tools/bulkhead
[ $# -gt 0 ] || set -- arm64 riscv64
tmp=$(mktemp -d /tmp/bulkhead-config-create.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
. tests/host/lib.sh

make -s -C tools host >"$tmp/build.log" 2>&1
result $? "host CLI builds" || { cat "$tmp/build.log"; }

# dump ARCH SMP MEM OUT [reserved]: QEMU's DTB of that machine, as ci/vm
# makes it (with the virtio console; with the test machine's reservation
# when "reserved" is given). GIC=2 in the environment: arm64 with a GICv2;
# VIRT=off: without virtualization extensions (no EL2, no GICH and GICV).
dump() {
	python3 - "$@" <<'EOF'
import os, shutil, subprocess, sys, tempfile
sys.path.insert(0, os.path.join(os.getcwd(), "ci", "lib"))
import dtb as dtblib
arch, smp, mem, out = sys.argv[1:5]
reserved = len(sys.argv) > 5
qemu = {"arm64": "qemu-system-aarch64", "riscv64": "qemu-system-riscv64"}[arch]
gic = os.environ.get("GIC", "3")
virt = os.environ.get("VIRT", "on")
margs = {"arm64": ["-M", "virt,virtualization=%s,gic-version=%s%s" % (
                       virt, gic, ",its=off" if gic == "3" else ""), "-cpu", "cortex-a57"],
         "riscv64": ["-M", "virt", "-cpu", "rv64,h=true"]}[arch]
probe = subprocess.run([qemu, "-M", "virt,help"], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True).stdout
if arch == "arm64" and "dtb-randomness" in probe:
    margs[1] += ",dtb-randomness=off"
margs += ["-smp", smp, "-m", mem, "-nic", "none"]
margs += ["-bios", "default"] if arch == "riscv64" else []
margs += ["-device", "virtio-serial-device", "-chardev", "null,id=c2",
          "-device", "virtconsole,chardev=c2"]
if reserved:
    path, _, _ = dtblib.machine_dtb(qemu, margs, "configs/%s/qemu-virt-layout.h" % arch, arch)
    shutil.copy(path, out)
else:
    margs[1] += ",dumpdtb=" + out
    subprocess.run([qemu] + margs + ["-display", "none", "-monitor", "none", "-serial", "none"],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
EOF
}

# add_reserved IN OUT BASE SIZE: IN with a bulkhead@BASE no-map node
add_reserved() {
	python3 - "$@" <<'EOF'
import os, sys
sys.path.insert(0, os.path.join(os.getcwd(), "ci", "lib"))
import dtb as dtblib
src, out, base, size = sys.argv[1:5]
dtblib.add_reserved(src, out + ".dts", out, int(base, 0), int(size, 0))
EOF
}

# build DIR NAME: the generated configs build and pass config check
build() {
	make -s -C "$1" check BULKHEAD="$cli" >"$1.check" 2>&1
	result $? "$2: configs build, config check passes" || cat "$1.check"
}

# same FIELD A.cell B.cell: `config show` says the same about FIELD
same() {
	local a b
	a=$("$cli" config show "$2" | grep "^$1: " || true)
	b=$("$cli" config show "$3" | grep "^$1: " || true)
	[ -n "$a" ] && [ "$a" = "$b" ]
	result $? "$4: $1 as in $(basename "$3") (${a#*: })" || echo "  generated: $a; hand-written: $b"
}

# test_machine ARCH NAME SYSTEM IRQCHIP_FIELDS...: config create on the
# test machine's DTB (dumped by the caller to $out.dtb) with a Linux and
# an inmate cell; the configs build, pass check, and say what the
# hand-written SYSTEM and qemu-virt-linux.c say.
test_machine() {
	local arch=$1 name=$2 system=$3 field shipped
	shift 3
	"$cli" config create --root-dtb "$out.dtb" \
		--cell linux:cpus=2,mem=128M,dev=virtio-console \
		--cell inmate:cpus=1,mem=1M "$out" >"$out.log" 2>&1
	result $? "$name: config create" || cat "$out.log"
	build "$out" "$name"
	shipped=$top/tests/unit/build/configs/$arch
	make -s -C tests/unit "build/configs/$arch/$system.cell" \
		"build/configs/$arch/qemu-virt-linux.cell" >/dev/null 2>&1
	for field in hypervisor_memory debug_console.type debug_console.address \
		debug_console.size irqchip.type irqchip.base irqchip.size \
		"$@" irqchip.maintenance_irq root_cell.cpu_set; do
		same "$field" "$out/system.cell" "$shipped/$system.cell" "$name system"
	done
	for field in flags cpu_set entry console.type console.address 'memory\[0\]' \
		'memory\[1\]' irqs; do
		same "$field" "$out/linux.cell" "$shipped/qemu-virt-linux.cell" "$name linux cell"
	done
}

# gicv2: the arm64 test machine with a GICv2, and one without
# virtualization extensions.
gicv2() {
	local gic=/intc@8000000 out=$tmp/arm64-gicv2
	GIC=2 dump arm64 4 1G "$out.dtb" reserved
	result $? "arm64 GICv2: test machine DTB dumped" || return
	test_machine arm64 "arm64 GICv2 test machine" qemu-virt-gicv2 \
		irqchip.redist_base irqchip.redist_size irqchip.gicc_base \
		irqchip.gich_base irqchip.gicv_base
	grep -q "BULKHEAD_IRQCHIP_GICV2" "$out/system.c" &&
		grep -q "^irqchip.type: 3 (GICv2)$" <("$cli" config show "$out/system.cell")
	result $? "arm64 GICv2: config show says GICv2" || "$cli" config show "$out/system.cell"
	# GICD, GICC, the GICv2m frame, GICH, GICV: 0x08000000..0x0804ffff
	! grep -q "phys_start = 0x080[0-4]" "$out/system.c"
	result $? "arm64 GICv2: no GIC frame is root memory" || grep -n phys_start "$out/system.c"
	GIC=2 VIRT=off dump arm64 4 1G "$tmp/arm64-gicv2-novirt.dtb" reserved
	result $? "arm64 GICv2 without virtualization: DTB dumped" || return
	"$cli" config create --root-dtb "$tmp/arm64-gicv2-novirt.dtb" \
		"$tmp/arm64-gicv2-novirt" >"$out.novirt.log" 2>&1
	[ $? = 1 ] && grep -q "$gic: no hypervisor control interface (GICH) (reg\[2\]): this GIC has no virtualization extensions" "$out.novirt.log"
	result $? "arm64 GICv2 without GICH and GICV: refused, no virtualization extensions" ||
		cat "$out.novirt.log"
}

for arch in "$@"; do
	out=$tmp/$arch-test
	dump "$arch" 4 1G "$out.dtb" reserved
	result $? "$arch: test machine DTB dumped" || continue
	test_machine "$arch" "$arch test machine" qemu-virt irqchip.redist_base \
		irqchip.redist_size irqchip.gicc_base irqchip.gich_base \
		irqchip.gicv_base
	# QEMU's 64-bit PCI window (arm64: 0x8000000000, 512 GiB) ends beyond
	# the guest address space of arm64 cells (39 bits), not riscv64's (41).
	if [ "$arch" = arm64 ]; then
		grep -q "PCI 64-bit memory window 0x8000000000-0xffffffffff lies beyond 0x8000000000" \
			"$out/system.c" && ! grep -q "phys_start = 0x8000000000" "$out/system.c"
		result $? "arm64: the PCI window beyond 39 bits is left out, with the reason"
	else
		grep -q "phys_start = 0x400000000" "$out/system.c" && ! grep -q "lies beyond" "$out/system.c"
		result $? "riscv64: the PCI window below 41 bits is kept"
	fi

	[ "$arch" = arm64 ] && gicv2
	case $arch in
	arm64) shapes="2:2G 8:1G" ;;
	riscv64) shapes="2:1G 8:1G" ;;
	esac
	for shape in $shapes; do
		smp=${shape%%:*}
		mem=${shape#*:}
		name="$arch -smp $smp -m $mem"
		dtb=$tmp/$arch-$smp-$mem.dtb
		dump "$arch" "$smp" "$mem" "$dtb"
		result $? "$name: DTB dumped" || continue
		cells=(--cell inmate:cpus=1,mem=1M)
		[ "$smp" -gt 2 ] && cells+=(--cell linux:cpus=2,mem=64M,dev=virtio-console)
		# the suggestion is sized for the cells asked for
		"$cli" config create --root-dtb "$dtb" "${cells[@]}" "$tmp/none" >"$dtb.log" 2>&1
		status=$?
		[ $status = 1 ] && grep -q "bulkhead@" "$dtb.log" && grep -q "no-map;" "$dtb.log"
		result $? "$name: no reservation: fails and names the node to add" ||
			cat "$dtb.log"
		resv=$(sed -n 's/.*--reserved \(0x[0-9a-f]*\),\(0x[0-9a-f]*\).*/\1 \2/p' "$dtb.log")
		# shellcheck disable=SC2086
		add_reserved "$dtb" "$dtb.resv" $resv
		result $? "$name: the suggested node added" || continue
		"$cli" config create --root-dtb "$dtb.resv" "${cells[@]}" \
			"$tmp/$arch-$smp" >"$dtb.log" 2>&1
		result $? "$name: config create" || cat "$dtb.log"
		build "$tmp/$arch-$smp" "$name"
		"$cli" config create --root-dtb "$dtb.resv" --cell linux:cpus=$smp \
			"$tmp/$arch-$smp-toomany" >"$dtb.log" 2>&1
		[ $? = 1 ] && grep -q "must keep one" "$dtb.log"
		result $? "$name: a cell of all $smp CPUs is refused" || cat "$dtb.log"
	done
done
summary
