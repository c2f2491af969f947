// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A hostile virtio driver (tests/configs/common/virtio-cell.c,
 * tests/system/28-virtio-hostile.sh): talks to the cell's virtio console
 * through its virtio-mmio registers the way a driver that wants root's
 * backend to touch memory outside the cell's virtio pool would.
 *
 * 1. It refuses VIRTIO_F_ACCESS_PLATFORM: the device must not accept
 *    FEATURES_OK.
 * 2. It negotiates properly, then puts the transmit queue's rings in its own
 *    RAM (its .bss, outside the pool at cell address 0x200000): the device
 *    must set DEVICE_NEEDS_RESET (status bit 0x40) and never read them.
 *
 * Every register access is one 32-bit mmio access, as virtio-mmio requires.
 */
#include <inmate.h>

/*
 * The device's register window, as in virtio-cell.c: inmates get no device
 * tree and the comm region does not list virtio devices.
 */
#if defined(__aarch64__)
#define VIRTIO_BASE		0x0b000000UL
#elif defined(__riscv)
#define VIRTIO_BASE		0x10200000UL
#else
#error "unknown architecture"
#endif

/* virtio-mmio version 2 registers (virtio spec 4.2.2) */
#define VIRTIO_MAGIC		0x000
#define VIRTIO_VERSION		0x004
#define VIRTIO_DEVICE_ID	0x008
#define VIRTIO_DEV_FEATURES	0x010
#define VIRTIO_DEV_FEATURES_SEL	0x014
#define VIRTIO_DRV_FEATURES	0x020
#define VIRTIO_DRV_FEATURES_SEL	0x024
#define VIRTIO_QUEUE_SEL	0x030
#define VIRTIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_QUEUE_NUM	0x038
#define VIRTIO_QUEUE_READY	0x044
#define VIRTIO_QUEUE_NOTIFY	0x050
#define VIRTIO_STATUS		0x070
#define VIRTIO_QUEUE_DESC_LO	0x080
#define VIRTIO_QUEUE_DESC_HI	0x084
#define VIRTIO_QUEUE_DRIVER_LO	0x090
#define VIRTIO_QUEUE_DRIVER_HI	0x094
#define VIRTIO_QUEUE_DEVICE_LO	0x0a0
#define VIRTIO_QUEUE_DEVICE_HI	0x0a4

#define STATUS_ACK		0x01
#define STATUS_DRIVER		0x02
#define STATUS_DRIVER_OK	0x04
#define STATUS_FEATURES_OK	0x08
#define STATUS_NEEDS_RESET	0x40

/* Feature bits in the high word (bit 32 and up). */
#define F_HI_VERSION_1		(1U << 0)	/* bit 32 */
#define F_HI_ACCESS_PLATFORM	(1U << 1)	/* bit 33 */

#define TX_QUEUE		1
#define QUEUE_SIZE		8

/* The rings and the buffer, in the cell's own RAM: never in the pool. */
static struct {
	u64 desc[2 * QUEUE_SIZE];		/* 16 bytes each */
	u16 avail[2 + QUEUE_SIZE];		/* flags, idx, ring[] */
	u32 used[1 + 2 * QUEUE_SIZE] __attribute__((aligned(4)));
	u8 buf[64];
} rings __attribute__((aligned(4096)));

#define RING_BASE		((unsigned long)&rings)
#define RING_DESC		((unsigned long)rings.desc)
#define RING_AVAIL		((unsigned long)rings.avail)
#define RING_USED		((unsigned long)rings.used)
#define RING_BUF		((unsigned long)rings.buf)

static u32 reg_read(unsigned int off)
{
	return mmio_read32(VIRTIO_BASE + off);
}

static void reg_write(unsigned int off, u32 value)
{
	mmio_write32(VIRTIO_BASE + off, value);
}

static void write64(unsigned int lo, u64 value)
{
	reg_write(lo, (u32)value);
	reg_write(lo + 4, (u32)(value >> 32));
}

int main(void)
{
	static const char msg[] = "hostile\n";
	u32 magic, version, id, feat_lo, feat_hi, status;
	volatile u8 *buf = (volatile u8 *)RING_BUF;
	volatile u16 *avail = (volatile u16 *)RING_AVAIL;
	volatile u64 *desc = (volatile u64 *)RING_DESC;
	unsigned int i;

	magic = reg_read(VIRTIO_MAGIC);
	version = reg_read(VIRTIO_VERSION);
	id = reg_read(VIRTIO_DEVICE_ID);
	printk("virtio-hostile: magic 0x%x version %u device %u at 0x%lx\n",
	       magic, version, id, VIRTIO_BASE);

	/* Step 1: refuse ACCESS_PLATFORM. */
	reg_write(VIRTIO_STATUS, 0);
	reg_write(VIRTIO_STATUS, STATUS_ACK);
	reg_write(VIRTIO_STATUS, STATUS_ACK | STATUS_DRIVER);
	reg_write(VIRTIO_DEV_FEATURES_SEL, 0);
	feat_lo = reg_read(VIRTIO_DEV_FEATURES);
	reg_write(VIRTIO_DEV_FEATURES_SEL, 1);
	feat_hi = reg_read(VIRTIO_DEV_FEATURES);
	printk("virtio-hostile: device features 0x%08x%08x, ACCESS_PLATFORM %s\n",
	       feat_hi, feat_lo,
	       (feat_hi & F_HI_ACCESS_PLATFORM) ? "offered" : "not offered");

	reg_write(VIRTIO_DRV_FEATURES_SEL, 0);
	reg_write(VIRTIO_DRV_FEATURES, 0);
	reg_write(VIRTIO_DRV_FEATURES_SEL, 1);
	reg_write(VIRTIO_DRV_FEATURES, F_HI_VERSION_1);
	reg_write(VIRTIO_STATUS, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK);
	status = reg_read(VIRTIO_STATUS);
	printk("virtio-hostile: without ACCESS_PLATFORM: status 0x%x, FEATURES_OK %s\n",
	       status, (status & STATUS_FEATURES_OK) ? "accepted" : "refused");

	/* Step 2: negotiate properly, then rings outside the pool. */
	reg_write(VIRTIO_STATUS, 0);
	reg_write(VIRTIO_STATUS, STATUS_ACK);
	reg_write(VIRTIO_STATUS, STATUS_ACK | STATUS_DRIVER);
	reg_write(VIRTIO_DRV_FEATURES_SEL, 0);
	reg_write(VIRTIO_DRV_FEATURES, 0);
	reg_write(VIRTIO_DRV_FEATURES_SEL, 1);
	reg_write(VIRTIO_DRV_FEATURES, F_HI_VERSION_1 | F_HI_ACCESS_PLATFORM);
	reg_write(VIRTIO_STATUS, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK);
	status = reg_read(VIRTIO_STATUS);
	printk("virtio-hostile: with ACCESS_PLATFORM: status 0x%x, FEATURES_OK %s\n",
	       status, (status & STATUS_FEATURES_OK) ? "accepted" : "refused");

	reg_write(VIRTIO_QUEUE_SEL, TX_QUEUE);
	printk("virtio-hostile: queue %u: max size %u, rings at 0x%lx in the cell's RAM\n",
	       TX_QUEUE, reg_read(VIRTIO_QUEUE_NUM_MAX), RING_BASE);
	reg_write(VIRTIO_QUEUE_NUM, QUEUE_SIZE);
	write64(VIRTIO_QUEUE_DESC_LO, RING_DESC);
	write64(VIRTIO_QUEUE_DRIVER_LO, RING_AVAIL);
	write64(VIRTIO_QUEUE_DEVICE_LO, RING_USED);
	reg_write(VIRTIO_QUEUE_READY, 1);
	reg_write(VIRTIO_STATUS, STATUS_ACK | STATUS_DRIVER | STATUS_FEATURES_OK |
		  STATUS_DRIVER_OK);

	/* One transmit buffer, also in the cell's RAM, and notify. */
	for (i = 0; i < sizeof(msg) - 1; i++)
		buf[i] = msg[i];
	desc[0] = RING_BUF;				/* addr */
	desc[1] = sizeof(msg) - 1;			/* len, flags 0, next 0 */
	avail[2] = 0;					/* ring[0]: descriptor 0 */
	avail[0] = 0;					/* flags */
	avail[1] = 1;					/* idx */
#if defined(__aarch64__)
	asm volatile("dsb sy" ::: "memory");
#else
	asm volatile("fence rw, rw" ::: "memory");
#endif
	reg_write(VIRTIO_QUEUE_NOTIFY, TX_QUEUE);

	status = reg_read(VIRTIO_STATUS);
	printk("virtio-hostile: rings outside the pool: status 0x%x, NEEDS_RESET %s, "
	       "queue ready %u\n", status,
	       (status & STATUS_NEEDS_RESET) ? "set" : "not set",
	       reg_read(VIRTIO_QUEUE_READY));
	/* used->idx, offset 2 of the device area: still 0 if nobody wrote it. */
	printk("virtio-hostile: used ring in the cell's RAM: idx %u (%s)\n",
	       *(volatile u16 *)((u8 *)rings.used + 2),
	       *(volatile u16 *)((u8 *)rings.used + 2) ? "written" : "untouched");
	printk("virtio-hostile: done\n");
	return 0;
}
