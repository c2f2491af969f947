# Shutdown from root, destroy, boot again: five times. The non-root Linux
# runs a shell on its console each time; root stays healthy throughout.
# keep_bootcon keeps the guest's early console, so its init's milestones
# reach the hypervisor console and root waits for the shell each time.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 400
# console2: bulkhead-linux-cell: shell on /dev/hvc0
# variant[riscv64]: nosstc --cpu rv64,h=true,sstc=false
. /usr/share/bulkhead/tests/lib.sh
L=/usr/share/bulkhead/linux
C=/sys/devices/bulkhead/cells

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
pool=$(cat /sys/devices/bulkhead/mem_pool_used)
follow_console
for n in 1 2 3 4 5; do
	check "boot $n" bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell \
		$L/Image -i $L/initramfs.cpio.gz -c keep_bootcon
	check "boot $n reached its shell" wait_count $n "bulkhead-linux-cell: shell on /dev/hvc0"
	check "boot $n running" [ "$(cat $C/1/state)" = running ]
	check "shutdown $n from root" bulkhead cell shutdown linux
	check "shut down $n" [ "$(cat $C/1/state)" = "shut down" ]
	check "destroy $n" bulkhead cell destroy linux
	check "CPUs back after $n" [ "$(cpus_online)" = 0-3 ]
done
check "pool back to $pool pages" [ "$(cat /sys/devices/bulkhead/mem_pool_used)" = "$pool" ]
check "disable" bulkhead disable
finish
