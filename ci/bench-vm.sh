# Benchmark scenario, run in the test machine of either arch by ci/bench,
# which prepends the settings below and turns the "bench: ID VALUE" lines
# into its table (figure, bulkhead, limit, ratio). Figures only: nothing
# here passes or fails on a time (QEMU under TCG on a shared host is noisy;
# every ratio is taken within this one run).
: "${ROUNDS:=5}"	# alternating before/under-the-hypervisor rounds
: "${SCALE:=4}"		# work per job, in units
: "${TIMER_SECS:=6}"	# how long timer-demo runs in its cell
: "${EXIT_SECS:=5}"	# how long exits are counted
: "${LINUX:=1}"		# boot the Linux cell too
: "${BLK_MIB:=16}"	# MiB the virtio disk figures write and read
: "${NET_MIB:=8}"	# MiB the virtio network figure fetches
I=/usr/lib/bulkhead/inmates
L=/usr/share/bulkhead/linux
SYS=/sys/devices/bulkhead

us() { bench-clock; }
# bench: ID VALUE - one figure; ci/bench knows every ID.
fig() { echo "bench: $1 $2"; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
elapsed_us() { t0=$(us); "$@" >/dev/null 2>&1; echo $(($(us) - t0)); }
elapsed_ms() { t0=$(us); "$@" >/dev/null 2>&1; echo $(( ($(us) - t0) / 1000 )); }

cpu_job() { awk -v n=$((SCALE * 100000)) 'BEGIN { s = 0; for (i = 0; i < n; i++) s = (s * 31 + i) % 1000003; print s }'; }
# Page allocation, zeroing and copying through tmpfs.
mem_job() { dd if=/dev/zero of=/tmp/bench-mem bs=1M count=$((SCALE * 16)) && cat /tmp/bench-mem >/dev/null && rm -f /tmp/bench-mem; }
# Writes and reads on the virtio disk past the page cache: MMIO to the
# device and its interrupts, all through root's own drivers.
io_job() {
	dd if=/dev/zero of=/dev/vda bs=64k count=$((SCALE * 64)) conv=fsync &&
	echo 3 > /proc/sys/vm/drop_caches &&
	dd if=/dev/vda of=/dev/null bs=64k count=$((SCALE * 64))
}
# N MiB written to and read from a virtio disk with 1 MiB direct I/O:
# the device, not the page cache. The same commands run in the cell.
blk_write() { dd if=/dev/zero of=/dev/vda bs=1M count=$BLK_MIB oflag=direct conv=fsync; }
blk_read() { dd if=/dev/vda of=/dev/null bs=1M count=$BLK_MIB iflag=direct; }
cpu_exits() { cat $SYS/statistics/cpu$1/vmexits_total; }
all_exits() { cat $SYS/statistics/cpu*/vmexits_total | awk '{ s += $1 } END { print s }'; }
root_irqs() { awk 'NR > 1 { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s }' /proc/interrupts; }
# The first CPU of cell 1, by the configs' numbers (the statistics' too).
cell_cpu() { sed 's/[-,].*//' $SYS/cells/1/cpus_assigned_list; }

modprobe bulkhead
fig image_bytes "$(wc -c < /lib/firmware/bulkhead-$(uname -m | sed 's/aarch64/arm64/').bin)"
[ -b /dev/vda ] || echo "bench: note: no /dev/vda (ci/bench gives the machine a disk): no I/O figure"

# The limit of the virtio disk figures: the same dd in root on the
# machine's own QEMU virtio-blk disk, before enable (median of 3).
if [ -b /dev/vda ]; then
	bw="" br=""
	for r in 1 2 3; do
		bw="$bw $(elapsed_us blk_write)"
		br="$br $(elapsed_us blk_read)"
	done
	root_blk_write_us=$(echo "$bw" | median)
	root_blk_read_us=$(echo "$br" | median)
fi

# Root overhead and the lifecycle of the hypervisor itself: rounds alternate
# between plain Linux and Linux under the hypervisor, so that drifts of the
# host hit both sides alike.
cpu0="" cpu1="" mem0="" mem1="" io0="" io1="" en="" dis="" off="" on=""
for r in $(seq 1 "$ROUNDS"); do
	cpu0="$cpu0 $(elapsed_ms cpu_job)"
	mem0="$mem0 $(elapsed_ms mem_job)"
	[ -b /dev/vda ] && io0="$io0 $(elapsed_ms io_job)"
	# What taking a CPU from Linux and giving it back costs Linux itself:
	# the floor under cell create and destroy.
	off="$off $(elapsed_ms sh -c 'echo 0 > /sys/devices/system/cpu/cpu3/online')"
	on="$on $(elapsed_ms sh -c 'echo 1 > /sys/devices/system/cpu/cpu3/online')"
	en="$en $(elapsed_ms bulkhead enable /etc/bulkhead/qemu-virt.cell)"
	cpu1="$cpu1 $(elapsed_ms cpu_job)"
	mem1="$mem1 $(elapsed_ms mem_job)"
	[ -b /dev/vda ] && io1="$io1 $(elapsed_ms io_job)"
	[ "$r" = "$ROUNDS" ] && break
	dis="$dis $(elapsed_ms bulkhead disable)"
done
fig cpu_job_ms "$(echo "$cpu1" | median) $(echo "$cpu0" | median)"
fig mem_job_ms "$(echo "$mem1" | median) $(echo "$mem0" | median)"
[ -b /dev/vda ] && fig io_job_ms "$(echo "$io1" | median) $(echo "$io0" | median)"
fig enable_ms "$(echo "$en" | median)"
fig cpu_offline_ms "$(echo "$off" | median)"
fig cpu_online_ms "$(echo "$on" | median)"
fig pool_pages_enabled "$(cat $SYS/mem_pool_used)"

# Idle root: its exits against the interrupts it takes (each one costs an
# exit where the hardware cannot deliver it directly).
sleep 1
e=$(all_exits) i=$(root_irqs)
sleep "$EXIT_SECS"
fig idle_root_exits_per_s "$(( ($(all_exits) - e) / EXIT_SECS )) $(( ($(root_irqs) - i) / EXIT_SECS ))"

pool=$(cat $SYS/mem_pool_used)
if [ -e $I/timer-demo.bin ]; then
	t0=$(us)
	bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell >/dev/null
	t1=$(us)
	bulkhead cell load inmate $I/timer-demo.bin >/dev/null
	bulkhead cell start inmate >/dev/null
	t2=$(us)
	fig cell_create_ms $(( (t1 - t0) / 1000 ))
	fig cell_start_ms $(( (t2 - t0) / 1000 ))
	fig pool_pages_per_cell $(( $(cat $SYS/mem_pool_used) - pool ))
	sleep "$TIMER_SECS"
	line=$(bulkhead console | grep "timer-demo: [0-9]* ticks" | tail -n 1)
	fig timer_line "${line#*timer-demo: }"
	t0=$(us)
	bulkhead cell destroy inmate >/dev/null
	fig cell_destroy_ms $(( ($(us) - t0) / 1000 ))

	bulkhead cell create /etc/bulkhead/qemu-virt-inmate.cell >/dev/null
	bulkhead cell load inmate $I/compute.bin >/dev/null
	bulkhead cell start inmate >/dev/null
	sleep 1
	c=$(cell_cpu)
	e=$(cpu_exits "$c")
	sleep "$EXIT_SECS"
	fig compute_cell_exits_per_s "$(( ($(cpu_exits "$c") - e) / EXIT_SECS ))"
	bulkhead cell destroy inmate >/dev/null
else
	echo "bench: note: no inmates for $(uname -m): cell figures skipped"
fi

if [ "$LINUX" = 1 ] && [ -e /etc/bulkhead/qemu-virt-linux.cell ] && [ -e $L/Image ]; then
	# Boot to poweroff in the guest's own clock (its init prints it), as
	# the same kernel booted directly by QEMU reports it.
	t0=$(us)
	bulkhead cell linux /etc/bulkhead/qemu-virt-linux.cell $L/Image -i $L/initramfs.cpio.gz \
		-c bulkhead.test=poweroff >/dev/null 2>&1
	n=0
	while [ "$(cat $SYS/cells/1/state)" != "shut down" ] && [ $n -lt 1200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	if [ $n -lt 1200 ]; then
		fig linux_cell_poweroff_ms $(( ($(us) - t0) / 1000 ))
	else
		echo "bench: note: the non-root Linux did not power off within 60 s; its CPUs:"
		bulkhead cell dump linux
	fi
	bulkhead cell destroy linux >/dev/null
else
	echo "bench: note: no Linux cell for $(uname -m): its figure skipped"
fi
# A Linux cell's virtio disk (a file in root's tmpfs) and network (a TAP
# in root), served by root's backend: the cell writes and reads the disk
# with the dd above and fetches NET_MIB MiB from busybox httpd in root, in
# its own clock (/proc/uptime: 10 ms steps). The network's limit comes
# from another boot (ci/bench-baseline ARCH net).
VCELL=linux-virtio
vconsole() { printf '%s\n' "$1" | timeout 10 bulkhead cell console $VCELL --no-history --wait "${2:-1}" | tr -d '\r'; }
vwait() {	# vwait SECONDS CMD...: until CMD succeeds
	end=$(( $(us) + $1 * 1000000 ))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$(us)" -ge $end ] && return 1
		sleep 0.5
	done
}
vshell_up() { timeout 5 bulkhead cell console $VCELL --wait 1 </dev/null | grep -q 'bulkhead-linux-cell: up'; }
vresult() { vconsole 'cat /tmp/vres' | grep -q '^vres '; }
if [ "$LINUX" = 1 ] && [ -e /etc/bulkhead/qemu-virt-linux-virtio.cell ] && [ -e $L/Image ]; then
	dd if=/dev/zero of=/tmp/cell-disk.img bs=1M count=$BLK_MIB 2>/dev/null
	mkdir -p /tmp/www
	dd if=/dev/zero of=/tmp/www/blob bs=1M count=$NET_MIB 2>/dev/null
	httpd -f -p 8080 -h /tmp/www &
	httpd_pid=$!
	if bulkhead cell linux /etc/bulkhead/qemu-virt-linux-virtio.cell $L/Image \
		-i $L/initramfs.cpio.gz --disk /tmp/cell-disk.img --tap bh0 >/tmp/vboot.log 2>&1 &&
	   ip addr add 10.13.0.1/24 dev bh0 && ip link set bh0 up &&
	   vwait 60 vshell_up &&
	   vconsole 'ip addr add 10.13.0.2/24 dev eth0 && ip link set eth0 up' >/dev/null &&
	   vwait 30 ping -c 1 -W 1 10.13.0.2; then
		# In the cell's background (a console round trip is slower than
		# the work): four readings of its clock and the exit statuses.
		vconsole "u() { cut -d' ' -f1 /proc/uptime; }; (a=\$(u); dd if=/dev/zero of=/dev/vda bs=1M count=$BLK_MIB oflag=direct conv=fsync 2>/dev/null; w=\$?; b=\$(u); dd if=/dev/vda of=/dev/null bs=1M count=$BLK_MIB iflag=direct 2>/dev/null; r=\$?; c=\$(u); wget -q -O /dev/null http://10.13.0.1:8080/blob; n=\$?; d=\$(u); echo vres \$a \$b \$c \$d \$w \$r \$n) > /tmp/vres.new 2>&1; mv /tmp/vres.new /tmp/vres &" >/dev/null
		if vwait 120 vresult; then
			set -- $(vconsole 'cat /tmp/vres' | grep '^vres ')
			if [ "$6$7$8" = 000 ]; then
				ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d\n", (b - a) * 1000 + 0.5 }'; }
				fig blk_write_ms "$(ms $2 $3) $((root_blk_write_us / 1000))"
				fig blk_read_ms "$(ms $3 $4) $((root_blk_read_us / 1000))"
				fig net_fetch_ms "$(ms $4 $5)"
				fig virtio_mib "$BLK_MIB $NET_MIB"
			else
				echo "bench: note: in the virtio cell dd write, dd read, wget exited $6 $7 $8"
			fi
		else
			echo "bench: note: the virtio cell gave no result within 120 s; it said:"
			vconsole 'cat /tmp/vres.new' 3
		fi
	else
		echo "bench: note: the Linux cell with a virtio disk and network did not come up:"
		cat /tmp/vboot.log
	fi
	kill $httpd_pid
	bulkhead cell destroy $VCELL >/dev/null 2>&1
	rm -f /tmp/cell-disk.img /tmp/www/blob
else
	echo "bench: note: no Linux cell with virtio devices for $(uname -m): its figures skipped"
fi
dis="$dis $(elapsed_ms bulkhead disable)"
fig disable_ms "$(echo "$dis" | median)"
