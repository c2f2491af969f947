# A non-root Linux with a disk (a file in root) and a network (a TAP in
# root) that root's virtio backend serves (issue 13): a pattern root wrote
# into the file reads back in the cell and the other way round; an ext2
# filesystem survives umount and mount in the cell; root and cell ping
# each other; 16 MiB fetched by the cell from root arrive with equal
# checksums; 5 create/boot/destroy cycles with the devices.
# arches: arm64 riscv64
# kernels: 6.12 6.1
# timeout: 600
. /usr/share/bulkhead/tests/lib.sh
L=/usr/share/bulkhead/linux
CFG=/etc/bulkhead/qemu-virt-linux-virtio.cell
N=linux-virtio
DISK=/tmp/disk.img
ROOT_IP=10.13.0.1
CELL_IP=10.13.0.2

# The cell's kernel messages go to the same console: "dmesg -n 1" first
# keeps them out of the answers (the link's "IPv6: ADDRCONF(NETDEV_CHANGE)"
# was printed into the middle of "net-up" once, riscv64 6.1).
console_run() { printf '%s\n' "$1" | timeout 10 bulkhead cell console $N --no-history --wait 3; }
prints() { console_run "$1" | tr -d '\r' > /tmp/out; grep -Eq -- "$2" /tmp/out || { echo "cell said:"; cat /tmp/out; false; }; }
shell_up() { timeout 5 bulkhead cell console $N --wait 1 </dev/null | grep -q 'bulkhead-linux-cell: up'; }
# slow CMD PATTERN: CMD runs in the cell's background (mke2fs takes longer
# than a console round trip under riscv64 TCG); its output matches PATTERN
# within a minute
slow() {
	console_run "rm -f /tmp/res; ($1) > /tmp/res.new 2>&1; mv /tmp/res.new /tmp/res &" >/dev/null
	until_ok 60 prints 'cat /tmp/res' "$2"
}
boot() {
	bulkhead cell linux $CFG $L/Image -i $L/initramfs.cpio.gz \
		--disk $DISK --tap bh0 >/tmp/boot.log 2>&1 &&
	ip addr add $ROOT_IP/24 dev bh0 && ip link set bh0 up &&
	until_ok 60 shell_up &&
	prints "dmesg -n 1 && ip addr add $CELL_IP/24 dev eth0 && ip link set eth0 up && echo net-up" '^net-up'
}

dd if=/dev/zero of=$DISK bs=1M count=8 2>/dev/null
printf 'root-wrote-this' | dd of=$DISK bs=512 seek=2048 conv=notrunc 2>/dev/null
modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console

check "boot Linux with a virtio disk and network" boot
check "the cell reads what root wrote into the file" \
	prints 'dd if=/dev/vda bs=512 skip=2048 count=1 2>/dev/null | head -c 15; echo' '^root-wrote-this'
check "the cell writes to its disk" \
	prints 'printf cell-wrote-this | dd of=/dev/vda bs=512 seek=4096 conv=fsync 2>/dev/null; echo written' '^written'
check "root reads what the cell wrote from the file" \
	sh -c "dd if=$DISK bs=512 skip=4096 count=1 2>/dev/null | grep -q cell-wrote-this"

check "mke2fs in the cell" slow 'mke2fs -q /dev/vda && echo made' '^made'
check "a file written on ext2, unmounted and mounted again, reads back" \
	slow 'mkdir -p /mnt && mount -t ext2 /dev/vda /mnt && echo ext2-data > /mnt/f && umount /mnt && mount -t ext2 /dev/vda /mnt && cat /mnt/f && umount /mnt' '^ext2-data'
check "root sees the ext2 superblock in the file" \
	[ "$(dd if=$DISK bs=1 skip=1080 count=2 2>/dev/null | od -An -tx1 | tr -d ' ')" = 53ef ]

check "root pings the cell" ping -c 3 -W 5 $CELL_IP
check "the cell pings root" prints "ping -c 3 -W 5 $ROOT_IP" ' 0% packet loss'
mkdir -p /tmp/www
dd if=/dev/urandom of=/tmp/www/blob bs=1M count=16 2>/dev/null
sum=$(md5sum /tmp/www/blob | cut -d' ' -f1)
httpd -p 8080 -h /tmp/www
console_run "wget -q -O - http://$ROOT_IP:8080/blob | md5sum > /tmp/sum &" >/dev/null
check "16 MiB from root reach the cell with the same checksum" \
	until_ok 60 prints 'cat /tmp/sum' "^$sum"
check "destroy" bulkhead cell destroy $N

i=1
while [ $i -le 5 ]; do
	if boot && prints "ping -c 1 -W 5 $ROOT_IP" ' 0% packet loss' &&
	   prints 'dd if=/dev/vda bs=1 skip=1080 count=2 2>/dev/null | od -An -tx1' '53 ef' &&
	   bulkhead cell destroy $N >/dev/null; then
		ok "cycle $i: boot, network, disk, destroy"
	else
		not_ok "cycle $i: boot, network, disk, destroy"
		cat /tmp/boot.log
		bulkhead cell destroy $N >/dev/null 2>&1
	fi
	i=$((i + 1))
done
check "disable" bulkhead disable
finish
