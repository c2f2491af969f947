# `bulkhead hardware check` on the test machine: every item ok, exit 0, the
# module loaded for the check and unloaded again. Then each requirement
# broken in turn gives a FAIL line with its fix and exit 1: the hypervisor
# memory in System RAM, no system config, the image missing, from another
# build or too big for the hypervisor memory, the module missing, unknown
# to modprobe or built for another kernel. Without Sstc (riscv64 variant)
# that line warns and the exit is still 0. On arm64 the GICv3 is ok, the
# default config is the GICv3 one although qemu-virt-gicv2.cell comes first,
# and that GICv2 config fails. The CPU's refusals are in
# 13-enable-refused-vhe, 14-enable-refused-no-el2 and 34-kvm; a GICv2
# machine and configs of the other GIC in 16-enable-gic-mismatch.
# arches: arm64 riscv64
# kernels: 6.12
# timeout: 300
# variant[riscv64]: nosstc --cpu rv64,h=true,sstc=false
. /usr/share/bulkhead/tests/lib.sh
tests=/usr/share/bulkhead/tests
arch=$(uname -m | sed s/aarch64/arm64/)
R=$(uname -r)
ko=/lib/modules/$R/extra/bulkhead.ko
image=/lib/firmware/bulkhead-$arch.bin

case $arch in
arm64) cpu_items="not_VHE EL2 hyp_stub KVM_hotplug GIC" ;;
*) cpu_items="H_extension KVM" ;;
esac
sstc=ok
[ "$arch" = riscv64 ] && ! grep -q sstc /proc/cpuinfo && sstc=warn

# The test machine as it is.
check "module not loaded yet" [ ! -e /sys/module/bulkhead ]
hw_check
check "exit status 0" [ $hw_rc = 0 ]
for i in driver $cpu_items system_config reserved_memory not_System_RAM firmware; do
	i=$(echo $i | tr _ ' ')
	check "$i: ok" hw_line ok "$i"
done
if [ "$arch" = riscv64 ]; then
	check "Sstc: $sstc" hw_line $sstc Sstc
	[ $sstc = warn ] && check "Sstc: says it runs without" hw_line warn Sstc "bulkhead runs"
fi
check "nothing else than the Sstc line fails, warns or is unknown" \
	[ "$(grep -E '^(FAIL|warn|skip)' /tmp/hw | grep -cv '^warn  Sstc: ')" = 0 ]
check "the default config is the machine's" hw_line ok "system config" /etc/bulkhead/qemu-virt.cell
[ "$arch" = arm64 ] && check "the GIC is the GICv3 with its system registers" \
	hw_line ok GIC "GICv3 with its CPU interface's system registers"
check "the hypervisor memory lies in ci/vm's reservation" \
	hw_line ok "reserved memory" "/reserved-memory/bulkhead@"
check "it says bulkhead can run" grep -q "^result: bulkhead can run here" /tmp/hw
check "the module was loaded for the check" \
	hw_line ok driver "loaded for this check and unloaded again"
check "and is unloaded again" [ ! -e /sys/module/bulkhead ]

hw_check --no-load
check "--no-load: exit status 1" [ $hw_rc = 1 ]
check "--no-load: the module is only looked at" hw_line ok driver "not loaded (--no-load)"
for i in $(echo $cpu_items | sed 's/GIC//'); do
	i=$(echo $i | tr _ ' ')
	check "--no-load: $i unknown" hw_line skip "$i" "not loaded (--no-load)"
done
[ "$arch" = arm64 ] && check "--no-load: the GIC from the device tree" \
	hw_line ok GIC "arm,gic-v3"
check "--no-load: the result is unknown" grep -q "^result: unknown" /tmp/hw
check "--no-load: the module stays unloaded" [ ! -e /sys/module/bulkhead ]

check "modprobe" modprobe bulkhead
hw_check /etc/bulkhead/qemu-virt.cell
check "loaded module, config given: exit status 0" [ $hw_rc = 0 ]
check "the module is used as loaded" hw_line ok driver "bulkhead is loaded"
check "the module stays loaded" [ -e /sys/module/bulkhead ]
check "enable" bulkhead enable /etc/bulkhead/qemu-virt.cell
hw_check
check "while enabled: exit status 0" [ $hw_rc = 0 ]
check "while enabled: the CPU checks passed at enable" hw_line ok CPU "bulkhead is enabled"
check "disable" bulkhead disable

# The hypervisor memory in Linux's RAM.
hw_check $tests/configs/hv-in-ram.cell
check "memory in RAM: exit status 1" [ $hw_rc = 1 ]
check "memory in RAM: not reserved" \
	hw_line FAIL "reserved memory" "is in no /reserved-memory node"
check "memory in RAM: the fix is the node to add" hw_fix "reserved memory" "no-map;"
check "memory in RAM: with its reg" hw_fix "reserved memory" "reg = <0x0 0x"
check "memory in RAM: System RAM" hw_line FAIL "not System RAM" "overlaps System RAM"
check "memory in RAM: or mem=" hw_fix "not System RAM" "mem="
check "memory in RAM: it says bulkhead cannot run" \
	grep -q "^result: bulkhead cannot run here: 2 item(s) failed" /tmp/hw

# The config of another GIC.
if [ "$arch" = arm64 ]; then
	hw_check /etc/bulkhead/qemu-virt-gicv2.cell
	check "GICv2 config: exit status 1" [ $hw_rc = 1 ]
	check "GICv2 config: refused" hw_line FAIL "system config" \
		"irqchip.type is GICv2, but this machine's GIC is a GICv3 (/intc@8000000, arm,gic-v3)"
	check "GICv2 config: the fix" hw_fix "system config" "/etc/bulkhead/qemu-virt.cell"
fi

# Configs that are no system config.
hw_check /etc/bulkhead/qemu-virt-inmate.cell
check "cell config: exit status 1" [ $hw_rc = 1 ]
check "cell config: refused" hw_line FAIL "system config" "cell config"
check "cell config: the fix" hw_fix "system config" "bulkhead config check"
check "cell config: the memory is not checked" \
	hw_line skip "reserved memory" "needs a valid system config"
hw_check /nonexistent.cell
check "missing config: exit status 1" [ $hw_rc = 1 ]
check "missing config: says so" hw_line FAIL "system config" "cannot read"

# No system config anywhere: the bulkhead reservation is reported.
mkdir -p /tmp/cells && mv /etc/bulkhead/*.cell /tmp/cells/
hw_check
check "no config: exit status 0" [ $hw_rc = 0 ]
check "no config: a warning" hw_line warn "system config" "none given"
check "no config: the fix names the argument" hw_fix "system config" "bulkhead hardware check SYSTEM.cell"
check "no config: the bulkhead node reported" \
	hw_line ok "reserved memory" "/reserved-memory/bulkhead@"
mv /tmp/cells/*.cell /etc/bulkhead/

# The image: missing, not one, another revision, another architecture, too
# big for the config's hypervisor memory.
mv $image /tmp/real.bin
hw_check
check "no image: exit status 1" [ $hw_rc = 1 ]
check "no image: says so" hw_line FAIL firmware "no $image"
check "no image: the fix installs it" hw_fix firmware "hypervisor/bulkhead-$arch.bin of the build"
echo "this is no hypervisor image, but long enough to hold a header" > $image
hw_check
check "not an image: refused" hw_line FAIL firmware "not a bulkhead hypervisor image"
check "not an image: exit status 1" [ $hw_rc = 1 ]
# The real header, with revision 99 (bytes 8-9) or the other architecture
# (bytes 10-11).
other=$([ $arch = arm64 ] && echo riscv64 || echo arm64)
other_id=$([ $arch = arm64 ] && echo '\002' || echo '\001')
{ head -c 8 /tmp/real.bin; printf '\143\000'; tail -c +11 /tmp/real.bin; } > $image
hw_check
check "image revision 99: refused" hw_line FAIL firmware "image revision 99"
check "image revision 99: the fix" hw_fix firmware "install the image of the build the module comes from"
{ head -c 10 /tmp/real.bin; printf "$other_id\000"; tail -c +13 /tmp/real.bin; } > $image
hw_check
check "image for $other: refused" hw_line FAIL firmware "built for $other, this machine is $arch"
# A header whose image needs 64 MiB (core_size, bytes 16-23).
{ head -c 16 /tmp/real.bin; printf '\000\000\000\004\000\000\000\000'; tail -c +25 /tmp/real.bin; } > $image
hw_check
check "64 MiB image: exit status 1" [ $hw_rc = 1 ]
check "64 MiB image: does not fit" hw_line FAIL firmware "needs 65"
check "64 MiB image: the fix" hw_fix firmware "make the config's hypervisor memory"
mv /tmp/real.bin $image
hw_check
check "the image back: exit status 0" [ $hw_rc = 0 ]

# The module: missing, unknown to modprobe, built for another kernel.
check "rmmod" rmmod bulkhead
mv $ko /tmp/real.ko
depmod
hw_check
check "no module: exit status 1" [ $hw_rc = 1 ]
check "no module: says so" hw_line FAIL driver "no bulkhead module for Linux $R"
check "no module: the fix builds it for this kernel" \
	hw_fix driver "KDIR=/lib/modules/$R/build"
check "no module: what the driver tells is unknown" \
	hw_line skip "$(echo $cpu_items | cut -d' ' -f1 | tr _ ' ')" "does not load"
check "no module: the memory is still checked" hw_line ok "reserved memory"
mv /tmp/real.ko $ko
hw_check
check "not in modules.dep: says so" hw_line FAIL driver "is not in /lib/modules/$R/modules.dep"
check "not in modules.dep: the fix" hw_fix driver "depmod $R"
depmod
cp $ko /tmp/real.ko
printf 'not an ELF\000vermagic=1.2.3-other SMP mod_unload\000' > $ko
hw_check
check "module for another kernel: exit status 1" [ $hw_rc = 1 ]
check "module for another kernel: says which" \
	hw_line FAIL driver "is built for Linux 1.2.3-other, this is Linux $R"
check "module for another kernel: not loaded" [ ! -e /sys/module/bulkhead ]
mv /tmp/real.ko $ko
hw_check
check "all back: exit status 0" [ $hw_rc = 0 ]
finish
