# Hostile inmates, each trying one forbidden thing: the cell fails or the
# operation is refused, the hypervisor console says why, and root Linux and
# another cell keep running.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 400
# variant[arm64]: gicv2 --gic 2
. /usr/share/bulkhead/tests/lib.sh
I=/usr/lib/bulkhead/inmates
C=/sys/devices/bulkhead/cells

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console
counter() { grep -o "inmate-smp\] uart-demo: counter [0-9]*" $CONSOLE | tail -n 1 | awk '{print $NF}'; }
expected_job=$(cpu_job 30000)

# The bystander: another cell that must not notice anything.
bulkhead cell create /etc/bulkhead/qemu-virt-inmate-smp.cell >/dev/null
bulkhead cell load inmate-smp $I/uart-demo.bin >/dev/null
bulkhead cell start inmate-smp >/dev/null
wait_for "[inmate-smp] uart-demo: counter 2" >/dev/null
bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell >/dev/null

# hostile   expected state   what the hypervisor console must say
arm64_list() {
	cat <<'LIST'
hostile-mem-root|failed|cell "inmate" accessed 0x40000000, which it does not own
hostile-mem-hyp|failed|cell "inmate" accessed 0x7f000000, which it does not own
hostile-mem-cell|failed|cell "inmate" accessed 0x7e100000, which it does not own
hostile-trap|failed|unknown hypervisor call
hostile-gic|running|cell "inmate": GIC write to
hostile-sgi|running|cell "inmate": SGI 2 to MPIDR 0x0 outside the cell dropped
hostile-psci|running|PSCI CPU_ON on MPIDR 0x0 outside the cell refused
hostile-hypercall|running|cell "inmate" made root-only hypercall 0: refused
hostile-sysoff|shut down|cell "inmate" powered off
LIST
}
riscv64_list() {
	cat <<'LIST'
hostile-mem-root|failed|cell "inmate" accessed 0x80200000, which it does not own
hostile-mem-hyp|failed|cell "inmate" accessed 0xbd000000, which it does not own
hostile-mem-cell|failed|cell "inmate" accessed 0xbc100000, which it does not own
hostile-trap|failed|virtual instruction
hostile-plic|failed|cell "inmate" denied 4-byte write of 0xc002380
hostile-plic-ctx|failed|cell "inmate" denied 4-byte write of 0xc201000
hostile-ipi|running|cell "inmate": SBI send_ipi naming hart 0 outside the cell refused
hostile-hsm|running|cell "inmate": SBI HSM start of hart 0 outside the cell refused
hostile-hypercall|running|cell "inmate" made root-only hypercall 0: refused
hostile-srst|shut down|cell "inmate" asked for a system reset
LIST
}
arch=$(uname -m | sed s/aarch64/arm64/)
while IFS='|' read -r name state why; do
	before=$(counter)
	check "$name: load and start" sh -c "bulkhead cell load inmate $I/$name.bin >/dev/null && bulkhead cell start inmate >/dev/null"
	check "$name: hypervisor says: $why" wait_for "$why"
	sleep 0.5
	check "$name: cell is $state" [ "$(cat $C/2/state)" = "$state" ]
	if [ "$state" = failed ]; then
		check "$name: CPU 3 listed as failed" [ "$(cat $C/2/cpus_failed_list)" = 3 ]
		check "$name: cell list shows the failure" \
			sh -c 'bulkhead cell list | grep -Eq "^2 +inmate +failed +3 +3"'
	fi
	check "$name: root Linux computes" [ "$(cpu_job 30000)" = "$expected_job" ]
	sleep 0.5
	check "$name: other cell kept counting ($before -> $(counter))" [ "$(counter)" -gt "$before" ]
	check "$name: other cell running" [ "$(cat $C/1/state)" = running ]
	bulkhead cell shutdown inmate >/dev/null 2>&1
done <<END
$(${arch}_list)
END
grep "hostile-" $CONSOLE | grep -v "^bulkhead" | head -40
if [ $arch = arm64 ]; then
# The same probes on both GICs; SPIs are routed by GICD_IROUTER on GICv3,
# by GICD_ITARGETSR on GICv2, and the hypervisor's own SGI 15 and PPI 25
# sit in the cell CPU's redistributor on GICv3, in the distributor's
# banked registers on GICv2.
gic=$(gic_version)
check "the machine has a GIC (GICv$gic)" [ "$gic" = 2 -o "$gic" = 3 ]
check "sgi: the broadcast to all but self was dropped too" \
	grep -q 'cell "inmate": SGI 1 to MPIDR 0x0 outside the cell dropped' $CONSOLE
check "gic: root's enabled interrupts invisible to the cell" \
	grep -q "hostile-gic: GICD_ISENABLER1 = 0x00000000, SPI 33 bit clear" $CONSOLE
check "gic: root's virtio console interrupt invisible too" \
	grep -q "hostile-gic: GICD_ISENABLER2 = 0x00000000, SPI 79 bit clear" $CONSOLE
check "gic: the cell cannot reprioritise root's interrupt" \
	grep -q "hostile-gic: GICD_IPRIORITYR8 = 0x00000000, SPI 33 priority 0x00" $CONSOLE
if [ "$gic" = 2 ]; then
	check "gic: the cell cannot target root's interrupt (GICv2)" \
		grep -q "hostile-gic: GICD_ITARGETSR8 = 0x00000000, SPI 33 targets 0x00" $CONSOLE
	private=GICD
else
	check "gic: the cell cannot route root's interrupt" \
		grep -q "hostile-gic: GICD_IROUTER33 = 0x0" $CONSOLE
	private=GICR
fi
check "gic: the hypervisor's SGI 15 and PPI 25 invisible to the cell ($private)" \
	grep -q "hostile-gic: ${private}_ISENABLER0 = 0x[0-9a-f]*, SGI 15 bit clear, PPI 25 bit clear" $CONSOLE
fi
check "destroy both" sh -c 'bulkhead cell destroy inmate && bulkhead cell destroy inmate-smp'
check "all CPUs back" [ "$(cpus_online)" = 0-3 ]
check "disable" bulkhead disable
finish
