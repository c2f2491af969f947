# A second, unmodified Linux boots in a cell on its own CPUs, memory and
# console (the machine's second console), while root Linux keeps working;
# it powers off; a panicking Linux or a broken image ends the cell without
# harming root; the device tree can be written out for inspection.
# arches: arm64 riscv64
# kernels: 6.12 6.1 debian-6.1
# timeout: 400
# variant[arm64]: gicv2 --gic 2
# Debian's kernel has KVM: on this Cortex-A57 enable refuses unless KVM is
# off (test 34-kvm).
# vm[debian-6.1]: --append kvm-arm.mode=none
# console2: bulkhead-linux-cell: up
# console2: cell: nproc: 2
# console2: /^cell: cmdline: .* panic=-1 cma=8M /
# console2: /^cell: processor\t: 1$/
# The cell's 128 MiB less the kernel itself: 123 MB with a test kernel,
# 102 MB with Debian's (26 MiB of code and data).
# console2: /^cell: MemTotal:\s+(9[0-9]|1[0-2][0-9]|130)[0-9]{3} kB$/
# Its virtio console's interrupt: GIC INTID 79 on arm64 (GICv3; in the
# gicv2 variant GICv2, which Linux at EL1 calls GIC-0), PLIC source 8 on
# riscv64 (one pattern: the second console is read outside the machine).
# console2: /(GICv3 +79|GIC-0 +79|SiFive PLIC +8) Edge +virtio0/
# console2: bulkhead-linux-cell: powering off
# console2: bulkhead-linux-cell: panicking
. /usr/share/bulkhead/tests/lib.sh
L=/usr/share/bulkhead/linux
C=/sys/devices/bulkhead/cells

# What the cell's early console shows when Linux runs where it should:
# arm64 names its boot CPU (MPIDR 2); riscv64's PLIC driver counts the
# contexts it took, the S-mode contexts of the cell's two harts of the eight
# the generated device tree lists (tools/linux-dt-riscv.c).
case $(uname -m) in
riscv64) booted='plic@c000000: mapped 96 interrupts with 2 handlers for 8 contexts' ;;
*) booted='Booting Linux on physical CPU 0x0000000002' ;;
esac

expected=$(cpu_job 400000)
modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console

check "ci/vm carries the files Documentation/linux-cell.md names" \
	sh -c "[ -s $L/Image ] && [ -s $L/initramfs.cpio.gz ]"
check "write the cell's device tree" bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell \
	$L/Image -i $L/initramfs.cpio.gz -w /tmp/linux.dtb
check "it is a flattened device tree" sh -c '[ "$(head -c 4 /tmp/linux.dtb | od -An -tx1 | tr -d " ")" = d00dfeed ]'
check "-w created nothing (only the root cell, 0)" sh -c "[ \"\$(ls $C)\" = 0 ]"

check "boot Linux in the cell" bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell \
	$L/Image -i $L/initramfs.cpio.gz -c bulkhead.test=poweroff
check "root job while the cell boots" [ "$(cpu_job 400000)" = "$expected" ]
check "the cell powers itself off" wait_state 1 "shut down"
check "its early console reached the hypervisor console: $booted" \
	wait_re "^\[linux\] .*$booted"
check "root kept CPUs 0-1" [ "$(cpus_online)" = 0-1 ]
check "destroy" bulkhead cell destroy linux
check "CPUs back" [ "$(cpus_online)" = 0-3 ]
check "root has its virtio console back" sh -c 'echo root-after-linux-cell > /dev/hvc0'

check "boot a Linux that panics" bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell \
	$L/Image -i $L/initramfs.cpio.gz -c "bulkhead.test=panic keep_bootcon"
check "the panicking cell ends shut down (it resets: panic=-1 by default)" wait_state 1 "shut down"
# With keep_bootcon the guest's panic reaches the machine's serial console
# as a relayed "[linux] ..." line, which ci/vm must not take for a panic of
# the root Linux (it would fail this test).
check "its panic was relayed to the hypervisor console" wait_re '^\[linux\] .*Kernel panic - not syncing'
check "root job after the panic" [ "$(cpu_job 400000)" = "$expected" ]
check "destroy the panicked cell" bulkhead cell destroy linux

check "boot an Image.gz with the written device tree (-d)" \
	bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell \
	$L/Image.gz -i $L/initramfs.cpio.gz -d /tmp/linux.dtb -c bulkhead.test=poweroff
check "the Image.gz boot powers off too" wait_state 1 "shut down"
check "all three boots reached their console" wait_count 3 "console \[hvc0\] enabled"
check "destroy after -d" bulkhead cell destroy linux

head -c 100000 $L/Image.gz > /tmp/truncated.gz
expect_fail "a truncated Image.gz is refused" "cannot decompress this gzip file: truncated" \
	bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell /tmp/truncated.gz
check "and changes nothing" sh -c "[ \"\$(ls $C)\" = 0 ]"
# A valid header and zeros behind it: the first instruction past the
# header is undefined on both arches, so the cell must fail at once.
# (Random bytes once made a loop that ran on: riscv64/6.1, make check.)
head -c 64 $L/Image > /tmp/broken
head -c 2000000 /dev/zero >> /tmp/broken
check "start a broken kernel image" bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell /tmp/broken
check "the broken image ends the cell failed" wait_state 1 failed
check "the hypervisor stopped its CPU and says why" wait_re 'in cell "linux" stopped'
grep -A1 'in cell "linux" stopped' $CONSOLE
check "root job after the broken image" [ "$(cpu_job 400000)" = "$expected" ]
check "destroy the failed cell" bulkhead cell destroy linux
check "all CPUs back in Linux" [ "$(cpus_online)" = 0-3 ]
check "disable" bulkhead disable
finish
