// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Building configs in C for the unit tests and mkbad: models, the two valid
 * reference machines, and serialisation to and from blobs.
 */
#include <string.h>

#include "cfg-model.h"

#define RWX	(BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_EXECUTE)
#define RW_IO	(BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_IO)
#define RAM	(RWX | BULKHEAD_MEM_DMA)

struct bulkhead_cell_desc *model_desc(struct cfg_model *m)
{
	return m->system ? &m->sys.root_cell : &m->cell;
}

void model_add_mem(struct cfg_model *m, __u64 phys, __u64 virt, __u64 size,
		   __u64 flags)
{
	struct bulkhead_memory *r = &m->mem[m->nmem++];

	r->phys_start = phys;
	r->virt_start = virt;
	r->size = size;
	r->flags = flags;
}

void model_add_irq(struct cfg_model *m, __u32 irq)
{
	m->irqs[m->nirq++] = irq;
}

void model_add_virtio(struct cfg_model *m, __u64 address, __u32 irq,
		      __u16 type)
{
	struct bulkhead_virtio_device *d = &m->virtio[m->nvirtio++];

	d->address = address;
	d->irq = irq;
	d->type = type;
	model_add_irq(m, irq);
}

static void init_desc(struct bulkhead_cell_desc *d, __u16 arch,
		      const char *name, __u64 cpus)
{
	memcpy(d->signature, BULKHEAD_CELL_SIGNATURE, BULKHEAD_SIGNATURE_LEN);
	d->revision = BULKHEAD_CONFIG_REVISION;
	d->architecture = arch;
	strncpy(d->name, name, sizeof(d->name) - 1);
	d->cpu_set = cpus;
}

static void system_arm64(struct cfg_model *m)
{
	struct bulkhead_system *s = &m->sys;

	s->hypervisor_memory.phys_start = 0x7f000000;
	s->hypervisor_memory.size = 0x1000000;
	s->debug_console.address = 0x09000000;
	s->debug_console.size = 0x1000;
	s->debug_console.type = BULKHEAD_CONSOLE_PL011;
	s->irqchip.type = BULKHEAD_IRQCHIP_GICV3;
	s->irqchip.num_irqs = 288;
	s->irqchip.base = 0x08000000;
	s->irqchip.size = 0x10000;
	s->irqchip.redist_base = 0x080a0000;
	s->irqchip.redist_size = 0x80000;
	s->irqchip.maintenance_irq = 25;
	s->irqchip.virtio_notify_irq = 200;
	init_desc(&s->root_cell, BULKHEAD_ARCH_ARM64, "test-arm64", 0xf);
	model_add_mem(m, 0x40000000, 0x40000000, 0x30000000, RAM);
	model_add_mem(m, 0x70000000, 0x70000000, 0x0f000000, RAM);
	model_add_mem(m, 0x09000000, 0x09000000, 0x1000, RW_IO);
	model_add_mem(m, 0x0a000000, 0x0a000000, 0x4000, RW_IO);
}

static void system_riscv64(struct cfg_model *m)
{
	struct bulkhead_system *s = &m->sys;

	s->hypervisor_memory.phys_start = 0xbd000000;
	s->hypervisor_memory.size = 0x1000000;
	s->debug_console.address = 0x10000000;
	s->debug_console.size = 0x1000;
	s->debug_console.type = BULKHEAD_CONSOLE_NS16550;
	s->irqchip.type = BULKHEAD_IRQCHIP_PLIC;
	s->irqchip.num_irqs = 96;
	s->irqchip.base = 0x0c000000;
	s->irqchip.size = 0x600000;
	s->irqchip.virtio_notify_irq = 40;
	init_desc(&s->root_cell, BULKHEAD_ARCH_RISCV64, "test-riscv64", 0xf);
	model_add_mem(m, 0x80000000, 0x80000000, 0x30000000, RAM);
	model_add_mem(m, 0xb0000000, 0xb0000000, 0x0d000000, RAM);
	model_add_mem(m, 0x10000000, 0x10000000, 0x1000, RW_IO);
	model_add_mem(m, 0x10001000, 0x10001000, 0x8000, RW_IO);
}

/* QEMU virt with gic-version=2: GICD, GICC, GICH, GICV as the DTB has them. */
void model_system_gicv2(struct cfg_model *m)
{
	struct bulkhead_irqchip *chip = &m->sys.irqchip;

	model_system(m, BULKHEAD_ARCH_ARM64);
	chip->type = BULKHEAD_IRQCHIP_GICV2;
	chip->redist_base = 0;
	chip->redist_size = 0;
	chip->gicc_base = 0x08010000;
	chip->gich_base = 0x08030000;
	chip->gicv_base = 0x08040000;
}

void model_system(struct cfg_model *m, __u16 arch)
{
	memset(m, 0, sizeof(*m));
	m->system = 1;
	memcpy(m->sys.signature, BULKHEAD_SYSTEM_SIGNATURE,
	       BULKHEAD_SIGNATURE_LEN);
	m->sys.revision = BULKHEAD_CONFIG_REVISION;
	m->sys.architecture = arch;
	if (arch == BULKHEAD_ARCH_RISCV64)
		system_riscv64(m);
	else
		system_arm64(m);
}

/*
 * Cell 0: CPU 3, 1 MiB RAM, comm region, one device page, three interrupts
 * (an odd count, so the padding is exercised). Cell 1: CPUs 1-2, 1 MiB RAM,
 * comm region, one interrupt.
 */
void model_cell(struct cfg_model *m, __u16 arch, int which)
{
	int rv = arch == BULKHEAD_ARCH_RISCV64;
	__u64 ram = (rv ? 0xbc000000 : 0x7e000000) + (which ? 0x100000 : 0);
	__u64 dev = rv ? 0x10008000 : 0x0a003000;
	__u32 irq = rv ? 8 : 40;

	memset(m, 0, sizeof(*m));
	init_desc(&m->cell, arch, which ? "cell-b" : "cell-a", which ? 0x6 : 0x8);
	m->cell.flags = BULKHEAD_CELL_DEBUG_CONSOLE;
	model_add_mem(m, ram, 0, 0x100000, RWX | BULKHEAD_MEM_LOADABLE);
	model_add_mem(m, 0, 0x80000000, BULKHEAD_PAGE_SIZE,
		      BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
		      BULKHEAD_MEM_COMM_REGION);
	if (which) {
		model_add_irq(m, irq + 10);
		return;
	}
	/* riscv64's device page is inside root's virtio window, too */
	model_add_mem(m, dev, 0x90000000, 0x1000, RW_IO);
	model_add_irq(m, irq);
	model_add_irq(m, irq + 1);
	model_add_irq(m, irq + 5);
}

void model_virtio_cell(struct cfg_model *m, __u16 arch)
{
	int rv = arch == BULKHEAD_ARCH_RISCV64;

	model_cell(m, arch, 0);
	model_add_mem(m, rv ? 0xbc400000 : 0x7e400000, 0x200000, 0x100000,
		      BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE |
		      BULKHEAD_MEM_ROOTSHARED | BULKHEAD_MEM_VIRTIO_POOL);
	model_add_virtio(m, 0xa0000000, rv ? 30 : 100, BULKHEAD_VIRTIO_CONSOLE);
}

struct bulkhead_system *blob_sys(struct cfg_blob *b)
{
	return (struct bulkhead_system *)b->w;
}

struct bulkhead_cell_desc *blob_desc(struct cfg_blob *b)
{
	return b->system ? &blob_sys(b)->root_cell :
			   (struct bulkhead_cell_desc *)b->w;
}

struct bulkhead_memory *blob_mem(struct cfg_blob *b)
{
	return (struct bulkhead_memory *)(blob_desc(b) + 1);
}

void model_to_blob(const struct cfg_model *m, struct cfg_blob *b)
{
	size_t header = m->system ? sizeof(m->sys) : sizeof(m->cell);
	size_t mem_bytes = m->nmem * sizeof(m->mem[0]);
	size_t irq_bytes = bulkhead_irqs_size(m->nirq);
	char *p = (char *)b->w;

	memset(b, 0, sizeof(*b));
	b->system = m->system;
	memcpy(p, m->system ? (const void *)&m->sys : (const void *)&m->cell,
	       header);
	blob_desc(b)->num_memory_regions = m->nmem;
	blob_desc(b)->num_irqs = m->nirq;
	blob_desc(b)->num_virtio_devices = m->nvirtio;
	memcpy(p + header, m->mem, mem_bytes);
	memcpy(p + header + mem_bytes, m->irqs, m->nirq * sizeof(m->irqs[0]));
	memcpy(p + header + mem_bytes + irq_bytes, m->virtio,
	       m->nvirtio * sizeof(m->virtio[0]));
	b->size = header + mem_bytes + irq_bytes +
		  m->nvirtio * sizeof(m->virtio[0]);
}

int model_from_blob(struct cfg_model *m, const void *data, size_t size)
{
	const char *p = data;
	const struct bulkhead_cell_desc *d;
	size_t header;

	memset(m, 0, sizeof(*m));
	m->system = size >= BULKHEAD_SIGNATURE_LEN &&
		    !memcmp(p, BULKHEAD_SYSTEM_SIGNATURE, BULKHEAD_SIGNATURE_LEN);
	header = m->system ? sizeof(m->sys) : sizeof(m->cell);
	if (size < header)
		return -1;
	memcpy(m->system ? (void *)&m->sys : (void *)&m->cell, p, header);
	d = model_desc(m);
	if (d->num_memory_regions > BULKHEAD_MAX_MEMORY_REGIONS ||
	    d->num_irqs > BULKHEAD_MAX_IRQS ||
	    d->num_virtio_devices > BULKHEAD_MAX_VIRTIO_DEVICES ||
	    header + bulkhead_cell_arrays_size(d) > size)
		return -1;
	m->nmem = d->num_memory_regions;
	m->nirq = d->num_irqs;
	m->nvirtio = d->num_virtio_devices;
	memcpy(m->mem, p + header, m->nmem * sizeof(m->mem[0]));
	memcpy(m->irqs, p + header + m->nmem * sizeof(m->mem[0]),
	       m->nirq * sizeof(m->irqs[0]));
	memcpy(m->virtio, p + header + m->nmem * sizeof(m->mem[0]) +
	       bulkhead_irqs_size(m->nirq), m->nvirtio * sizeof(m->virtio[0]));
	return 0;
}
