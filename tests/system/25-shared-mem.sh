# A region a cell shares with root (BULKHEAD_MEM_ROOTSHARED), the way a
# device backend in root reaches a cell: root and the running cell each
# read what the other wrote there, while the rest of the cell's RAM stays
# out of root's reach, and after destroy the region is root's alone again.
# arches: arm64 riscv64
# kernels: 6.12
# timeout: 300
. /usr/share/bulkhead/tests/lib.sh
T=/usr/share/bulkhead/tests
I=/usr/lib/bulkhead/inmates
C=$T/configs/shared-cell.cell
region() { bulkhead config show $C | awk -v r="memory[$1]:" '$1 == r { print $3 }'; }
ram=$(region 0)
shared=$(region 1)
root_word=$(printf '0x%x' $((shared + 8)))

modprobe bulkhead
bulkhead enable /etc/bulkhead/qemu-virt.cell
follow_console
check "cell with a root-shared region created" bulkhead cell create $C
check "shared-mem started" sh -c "bulkhead cell load shared $I/shared-mem.bin && bulkhead cell start shared"
check "the cell wrote its word" wait_for "shared-mem: wrote 0xc0ffee"

insmod $T/peek.ko addr=$shared 2>/dev/null
check "root reads the cell's word in the shared region ($shared)" \
	sh -c "dmesg | grep -q 'peek: $shared reads 0xc0ffee\$'"
insmod $T/peek1.ko addr=$root_word write=1 2>/dev/null
check "root's write reaches the cell" wait_for "shared-mem: root wrote 0xdeadbeef"
check "no access of root to the shared region was refused" \
	sh -c "! grep -q 'accessed $shared\|accessed $root_word' $CONSOLE"
check "the cell is running" sh -c "bulkhead cell list | grep -q 'shared.*running'"

insmod $T/peek2.ko addr=$ram 2>/dev/null
check "root still cannot read the cell's RAM ($ram)" wait_for "accessed $ram, which it does not own"
check "the cell is still running" sh -c "bulkhead cell list | grep -q 'shared.*running'"

check "destroy" bulkhead cell destroy shared
reads=$(dmesg | grep -c "peek: $shared reads")
insmod $T/peek3.ko addr=$shared 2>/dev/null
check "root keeps the region after destroy" sh -c "[ \$(dmesg | grep -c 'peek: $shared reads') -gt $reads ]"
check "disable" bulkhead disable
finish
