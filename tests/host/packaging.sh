#!/bin/bash
# tests/host/packaging.sh ARCH: the ways users build and install bulkhead
# outside this Makefile's test flow, checked on the host against the test
# kernel (ci/kernel ARCH 6.12):
#   - the top-level Kbuild: make -C KDIR M=$PWD, as with Jailhouse;
#   - dkms.conf: its MAKE command, run the way dkms runs it;
#   - make install DESTDIR=...: every file where Documentation/install.md
#     says it goes.
# Prints PASS/FAIL lines and "N passed, M failed".
set -u
arch=$1
cd "$(dirname "$0")/../.."
top=$PWD
case $arch in
arm64) karch=arm64; cross=aarch64-linux-gnu-; machine=AArch64 ;;
riscv64) karch=riscv; cross=riscv64-linux-gnu-; machine=RISC-V ;;
*) echo "usage: $0 arm64|riscv64" >&2; exit 2 ;;
esac
kdir=$(ci/kernel "$arch" 6.12) || exit 1
release=$(cat "$kdir/include/config/kernel.release")
tmp=$(mktemp -d /tmp/bulkhead-packaging.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
. tests/host/lib.sh
vermagic_is() { [ "$(modinfo -F vermagic "$1" 2>/dev/null | cut -d' ' -f1)" = "$release" ]; }

# A copy of what a user checks out (committed or not), without build products.
src() {
	mkdir -p "$1"
	cp -r Kbuild dkms.conf driver include common "$1"/
	rm -f "$1"/driver/*.o "$1"/driver/*.ko "$1"/driver/*.mod* "$1"/driver/.*.cmd
}

src "$tmp/kbuild"
make -s -C "$kdir" M="$tmp/kbuild" ARCH=$karch CROSS_COMPILE=$cross >"$tmp/kbuild.log" 2>&1
vermagic_is "$tmp/kbuild/driver/bulkhead.ko"
result $? "kbuild/$arch: make -C KDIR M=\$PWD builds driver/bulkhead.ko for $release"

# dkms sources dkms.conf with bash and runs MAKE[0] in the build copy.
src "$tmp/dkms/bulkhead/0.1/build"
(
	kernel_source_dir=$kdir
	dkms_tree=$tmp/dkms
	# shellcheck disable=SC1091
	. "$top/dkms.conf"
	cd "$dkms_tree/$PACKAGE_NAME/$PACKAGE_VERSION/build" &&
	ARCH=$karch CROSS_COMPILE=$cross sh -c "${MAKE[0]}" &&
	vermagic_is "${BUILT_MODULE_LOCATION[0]}${BUILT_MODULE_NAME[0]}.ko"
) >"$tmp/dkms.log" 2>&1
result $? "dkms/$arch: dkms.conf's MAKE builds the module it names"

make -s ARCH="$arch" install DESTDIR="$tmp/root" >"$tmp/install.log" 2>&1
result $? "install/$arch: make install DESTDIR=... succeeds"
for f in "lib/modules/$release/extra/bulkhead.ko" "lib/firmware/bulkhead-$arch.bin" \
	 usr/sbin/bulkhead etc/bulkhead/qemu-virt.cell usr/lib/bulkhead/inmates; do
	[ -e "$tmp/root/$f" ]
	result $? "install/$arch: /$f"
done
# readelf comes with binutils, which the compilers need; `file` is not
# installed on a fresh Debian.
readelf -h "$tmp/root/usr/sbin/bulkhead" 2>/dev/null | grep -Eq "Machine: +$machine\b"
result $? "install/$arch: the CLI is built for $arch"
if [ $failed != 0 ]; then
	for f in kbuild dkms install; do
		[ -s "$tmp/$f.log" ] && { echo "--- $f.log"; tail -n 20 "$tmp/$f.log"; }
	done
fi
summary
