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
# `bulkhead hardware check` says the same on each: all ok on the A53 and
# with kvm-arm.mode=none, the KVM hotplug line failing with the fix on
# the A57.
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
	hw_check
	check "hardware check: exit status 0" [ $hw_rc = 0 ]
	check "hardware check: no KVM" hw_line ok "KVM hotplug" "KVM is not initialised"
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
	hw_check
	check "hardware check: exit status 1" [ $hw_rc = 1 ]
	check "hardware check: KVM would break" hw_line FAIL "KVM hotplug" "Cortex-A57/A72"
	check "hardware check: the fix" hw_fix "KVM hotplug" "kvm-arm.mode=none"
	check "hardware check: KVM leaves EL2 to the stub" hw_line ok "hyp stub"
	check "hardware check: only that fails" [ "$(grep -c '^FAIL' /tmp/hw)" = 1 ]
	check "not enabled" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
	check "root kept its CPUs" [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ]
	kvm_everywhere "after the refusal"
else
	kvm_everywhere "before enable"
	hw_check
	check "hardware check: exit status 0" [ $hw_rc = 0 ]
	check "hardware check: KVM is fine here" \
		hw_line ok "KVM hotplug" "KVM is initialised, and this CPU keeps it"
	# While a KVM guest exists, KVM holds EL2.
	kvm-mmio 1 60 >/tmp/kvm-hold.out 2>&1 &
	holder=$!
	check "a KVM guest stays" until_ok 20 grep -q "MMIO exit ok" /tmp/kvm-hold.out
	hw_check
	check "hardware check, KVM guest: exit status 1" [ $hw_rc = 1 ]
	check "hardware check, KVM guest: EL2 is KVM's" \
		hw_line FAIL "hyp stub" "held by something other than Linux's hyp stub"
	check "hardware check, KVM guest: the fix" hw_fix "hyp stub" "kvm-arm.mode=none"
	kill $holder
	wait $holder 2>/dev/null
	hw_check
	check "hardware check, guest gone: EL2 is the stub's again" hw_line ok "hyp stub"
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
