// SPDX-License-Identifier: GPL-2.0
/*
 * The image header: the first bytes of bulkhead-<arch>.bin. The driver checks
 * it before it copies the image into the hypervisor memory. The offsets are
 * link-time addresses, which are offsets because the image is linked at 0.
 */
#include <bulkhead/cell-config.h>
#include <bulkhead/hypervisor.h>
#include <core/shared.h>
#include <arch/config.h>

/*
 * Weak: an architecture without an entry yet builds an image that says
 * so (entry 0), and the driver refuses to enable it.
 */
/*
 * Hidden: riscv64's linker gives a default-visibility reference to this
 * linker-script symbol a broken symbol relocation instead of a relative
 * one (apply-relocs then puts the offsets into the file the driver reads).
 */
extern char __image_end[] __attribute__((visibility("hidden")));
extern char arch_entry[] __attribute__((weak));
extern struct bulkhead_shared shared_region __attribute__((weak));

const struct bulkhead_image_header image_header
	__attribute__((section(".header"), used)) = {
	.signature = BULKHEAD_IMAGE_SIGNATURE,
	.revision = BULKHEAD_IMAGE_REVISION,
	.architecture = ARCH_BULKHEAD_ID,
	.config_revision = BULKHEAD_CONFIG_REVISION,
	.core_size = (__u64)(unsigned long)__image_end,
	.entry = (__u64)(unsigned long)arch_entry,
	.shared_offset = (__u64)(unsigned long)&shared_region,
	.shared_size = ALIGN_UP(sizeof(struct bulkhead_shared), PAGE_SIZE),
	.max_cpus = BULKHEAD_MAX_CPUS,
};
