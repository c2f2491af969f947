# bulkhead takes EL2 (HS mode on riscv64) from the running root Linux and
# gives it back: Linux does the same work with the same results while
# enabled, CPU hotplug keeps working, the exit statistics move, and Linux
# runs on after disable.
# arches: arm64 riscv64
# kernels: 6.12 6.1 debian-6.1
# vm[debian-6.1]: --append kvm-arm.mode=none
# timeout: 300
# console2: virtio console works while enabled
# variant[riscv64]: nosstc --cpu rv64,h=true,sstc=false
# variant[arm64]: gicv2 --gic 2
. /usr/share/bulkhead/tests/lib.sh

# Deterministic jobs whose results must not change under the hypervisor.
mem_job() { head -c 100000000 /dev/zero | tr '\0' 'b' > /tmp/big; md5sum < /tmp/big; rm /tmp/big; }
timer_job() { a=$(date +%s); sleep 2; b=$(date +%s); echo $((b - a)); }

cpu_before=$(cpu_job 300000)
mem_before=$(mem_job)

if [ "$(uname -m)" = aarch64 ]; then
	# ci/vm --gic N built the machine with that GIC and installed its
	# system config as qemu-virt.cell (irqchip.type 1: GICv3, 3: GICv2).
	gic=$(gic_version)
	type=$([ "$gic" = 2 ] && echo 3 || echo 1)
	check "the machine has the GIC ci/vm was asked for (GICv${BULKHEAD_GIC:-3})" \
		[ "$gic" = "${BULKHEAD_GIC:-3}" ]
	check "qemu-virt.cell describes it (irqchip.type $type)" sh -c \
		"bulkhead config show /etc/bulkhead/qemu-virt.cell | grep -q '^irqchip.type: $type '"
fi
check "modprobe bulkhead" modprobe bulkhead
check "enabled reads 0 before enable" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
check "bulkhead enable" bulkhead enable /etc/bulkhead/qemu-virt.cell
check "enabled reads 1" [ "$(cat /sys/devices/bulkhead/enabled)" = 1 ]
check "pool size reported" [ "$(cat /sys/devices/bulkhead/mem_pool_size)" -gt 0 ]
check "pool use reported" [ "$(cat /sys/devices/bulkhead/mem_pool_used)" -gt 0 ]
bulkhead console > /tmp/console
check "hypervisor console shows every CPU enabled" \
	sh -c '[ "$(grep -c "CPU [0-9] enabled" /tmp/console)" -eq 4 ]'

check "CPU job gives the same result" [ "$(cpu_job 300000)" = "$cpu_before" ]
check "memory job gives the same result" [ "$(mem_job)" = "$mem_before" ]
t=$(timer_job)
check "timers run (sleep 2 took ${t}s)" sh -c "[ $t -ge 2 ] && [ $t -le 4 ]"
check "virtio console writable" sh -c 'echo "virtio console works while enabled" > /dev/hvc0'
for n in 1 2 3; do
	( cpu_job 300000 > /tmp/job$n ) &
done
wait
check "parallel jobs on all CPUs agree" \
	sh -c "[ \"\$(cat /tmp/job1 /tmp/job2 /tmp/job3 | sort -u)\" = \"$cpu_before\" ]"

psci_before=$(cat /sys/devices/bulkhead/statistics/cpu0/vmexits_psci)
for n in 1 2 3; do
	check "CPU $n offline" sh -c "echo 0 > /sys/devices/system/cpu/cpu$n/online"
	check "CPU $n gone" sh -c "! grep -q '^processor.*: $n\$' /proc/cpuinfo"
	check "CPU $n online again" sh -c "echo 1 > /sys/devices/system/cpu/cpu$n/online"
	check "CPU $n back" sh -c "[ \"\$(cat /sys/devices/system/cpu/cpu$n/online)\" = 1 ]"
done
check "4 CPUs online after hotplug" [ "$(grep -c ^processor /proc/cpuinfo)" -eq 4 ]
check "CPU job after hotplug" [ "$(cpu_job 300000)" = "$cpu_before" ]
total=0
for n in 0 1 2 3; do
	total=$((total + $(cat /sys/devices/bulkhead/statistics/cpu$n/vmexits_psci)))
done
check "PSCI exits counted ($psci_before on CPU 0 before, $total on all after)" \
	[ "$total" -gt "$psci_before" ]
bulkhead console | grep "CPU [0-9] online" | head -3

check "bulkhead disable" bulkhead disable
check "enabled reads 0" [ "$(cat /sys/devices/bulkhead/enabled)" = 0 ]
check "CPU job after disable" [ "$(cpu_job 300000)" = "$cpu_before" ]
check "memory job after disable" [ "$(mem_job)" = "$mem_before" ]
check "hotplug after disable" sh -c 'echo 0 > /sys/devices/system/cpu/cpu2/online && echo 1 > /sys/devices/system/cpu/cpu2/online'
check "rmmod bulkhead" rmmod bulkhead
echo "--- hypervisor console"
cat /tmp/console
finish
