# Root Linux keeps KVM across bulkhead (issue 8), with Debian's stock
# kernel (KVM built in) as root. One script, three machines:
#  - Cortex-A53: KVM guests run on every CPU before enable; a guest started
#    while bulkhead is enabled fails and the hypervisor says why; after
#    cells took a CPU, a CPU went offline and online, and disable, KVM
#    guests run again on every CPU.
#  - Cortex-A57 (the default): Linux itself breaks KVM on a CPU that goes
#    offline and online (Spectre-v3a vector slot, Documentation/status.md),
#    so enable refuses with the fix and changes nothing.
#  - Cortex-A57 booted with kvm-arm.mode=none, the fix: enable, a cell,
#    disable work.
# arches: arm64
# kernels: debian-6.1
# timeout: 400
# vm: --smp 4
# variant: a53 --cpu cortex-a53
# variant: kvmoff --append kvm-arm.mode=none
. /usr/share/bulkhead/tests/lib.sh
I=/usr/lib/bulkhead/inmates

kvm_guest() { timeout 30 kvm-mmio "$1" >/tmp/kvm.out 2>&1; }
kvm_everywhere() {
	for c in 0 1 2 3; do
		check "$1: a KVM guest runs on CPU $c" kvm_guest $c
	done
}
cell_round() {
	check "$1: create a cell (takes CPU 3)" bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell
	check "$1: load" bulkhead cell load inmate $I/hello.bin
	check "$1: start" bulkhead cell start inmate
	check "$1: the inmate runs" wait_for "[inmate] Hello from bulkhead cell"
	check "$1: destroy (CPU 3 back)" bulkhead cell destroy inmate
}

midr=$(cat /sys/devices/system/cpu/cpu0/regs/identification/midr_el1)
part=$(( (midr >> 4) & 0xfff ))
modprobe bulkhead

if grep -q kvm-arm.mode=none /proc/cmdline; then
	check "kvm-arm.mode=none: no KVM" [ ! -e /sys/class/misc/kvm ]
	check "enable" bulkhead enable /etc/bulkhead/qemu-virt.cell
	follow_console
	follower=$!
	cell_round "kvm-arm.mode=none"
	check "disable" bulkhead disable
elif [ $part = $((0xd07)) ]; then
	check "Cortex-A57 with KVM in use" [ -e /sys/class/misc/kvm ]
	kvm_everywhere "before enable"
	expect_fail "enable refused" "kvm-arm.mode=none" \
		bulkhead enable /etc/bulkhead/qemu-virt.cell
	check "the refusal says why" grep -q "offline and online" /tmp/err
	check "not enabled" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
	check "root kept its CPUs" [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]
	kvm_everywhere "after the refusal"
else
	kvm_everywhere "before enable"
	check "enable" bulkhead enable /etc/bulkhead/qemu-virt.cell
	follow_console
	follower=$!
	if kvm_guest 1; then not_ok "a KVM guest while enabled fails (it ran)"
	else ok "a KVM guest while enabled fails: $(tail -n1 /tmp/kvm.out)"; fi
	check "the hypervisor says why" wait_for "Linux tried to install KVM at EL2"
	cell_round "enabled"
	check "CPU 2 offline" sh -c 'echo 0 > /sys/devices/system/cpu/cpu2/online'
	check "CPU 2 online" sh -c 'echo 1 > /sys/devices/system/cpu/cpu2/online'
	check "disable" bulkhead disable
	kvm_everywhere "after disable"
fi
# The console follower holds /dev/bulkhead open.
[ -n "${follower:-}" ] && kill $follower && wait $follower 2>/dev/null
check "module unloads" rmmod bulkhead
finish
