// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead config show: print a config as "field: value" lines.
 *
 * Field names are the validator's field paths, so an error message can be
 * matched against the output directly. The printer never trusts the counts:
 * it shows only what lies inside the file, so it also works on the broken
 * configs one wants to look at most.
 */
#include <stdio.h>

#include "bulkhead.h"

static const char *const mem_flag_names[] = {
	"READ", "WRITE", "EXECUTE", "DMA", "IO", "COMM_REGION", "LOADABLE",
	"ROOTSHARED", "VIRTIO_POOL",
};

static const char *const cell_flag_names[] = {
	"PASSIVE_COMMREG", "DEBUG_CONSOLE",
};

static void print_flags(unsigned long long flags, const char *const *names,
			unsigned int n)
{
	unsigned int bit;
	const char *sep = " (";

	printf("0x%llx", flags);
	for (bit = 0; bit < 64; bit++) {
		if (!(flags & (1ULL << bit)))
			continue;
		if (bit < n)
			printf("%s%s", sep, names[bit]);
		else
			printf("%sunknown bit %u", sep, bit);
		sep = " ";
	}
	if (flags)
		printf(")");
}

static void print_signature(const char *prefix, const char *sig)
{
	int i;

	printf("%ssignature: \"", prefix);
	for (i = 0; i < BULKHEAD_SIGNATURE_LEN; i++)
		if (sig[i] >= 0x20 && sig[i] < 0x7f && sig[i] != '"' &&
		    sig[i] != '\\')
			putchar(sig[i]);
		else
			printf("\\x%02x", (unsigned char)sig[i]);
	printf("\"\n");
}

static void print_name(const char *prefix, const char *name)
{
	int i;

	printf("%sname: \"", prefix);
	for (i = 0; i < BULKHEAD_CELL_NAME_LEN && name[i]; i++)
		if (name[i] >= 0x20 && name[i] < 0x7f && name[i] != '"' &&
		    name[i] != '\\')
			putchar(name[i]);
		else
			printf("\\x%02x", (unsigned char)name[i]);
	printf("\"%s\n", i == BULKHEAD_CELL_NAME_LEN ? " (not NUL-terminated)" : "");
}

static const char *console_type_name(unsigned int type)
{
	switch (type) {
	case BULKHEAD_CONSOLE_NONE:
		return "none";
	case BULKHEAD_CONSOLE_PL011:
		return "PL011";
	case BULKHEAD_CONSOLE_NS16550:
		return "NS16550";
	default:
		return "unknown";
	}
}

static void print_console(const char *prefix, const struct bulkhead_console *c)
{
	printf("%s.type: %u (%s)\n", prefix, c->type, console_type_name(c->type));
	printf("%s.address: 0x%llx\n", prefix, (unsigned long long)c->address);
	printf("%s.size: 0x%x\n", prefix, c->size);
	printf("%s.flags: 0x%x\n", prefix, c->flags);
}

static void print_region(const char *prefix, unsigned int i,
			 const struct bulkhead_memory *m)
{
	char size[32];

	printf("%smemory[%u]: phys 0x%llx virt 0x%llx size 0x%llx (%s) flags ",
	       prefix, i, (unsigned long long)m->phys_start,
	       (unsigned long long)m->virt_start, (unsigned long long)m->size,
	       bh_size_unit(m->size, size, sizeof(size)));
	print_flags(m->flags, mem_flag_names,
		    sizeof(mem_flag_names) / sizeof(mem_flag_names[0]));
	printf("\n");
}

/* The third array, after the padded irqs; avail counts from the regions. */
static void print_virtio(const char *prefix, const struct bulkhead_cell_desc *cell,
			 size_t avail)
{
	const struct bulkhead_virtio_device *dev = bulkhead_cell_virtio(cell);
	size_t start = sizeof(struct bulkhead_memory) *
		       (size_t)cell->num_memory_regions +
		       bulkhead_irqs_size(cell->num_irqs);
	unsigned int i;

	for (i = 0; i < cell->num_virtio_devices; i++) {
		if (start + (i + 1) * sizeof(*dev) > avail) {
			printf("%svirtio_devices[%u]: past the end of the file\n",
			       prefix, i);
			return;
		}
		printf("%svirtio_devices[%u]: %u (%s) window 0x%llx..0x%llx irq %u flags 0x%x\n",
		       prefix, i, dev[i].type, bulkhead_virtio_type_name(dev[i].type),
		       (unsigned long long)dev[i].address,
		       (unsigned long long)(dev[i].address + BULKHEAD_PAGE_SIZE - 1),
		       dev[i].irq, dev[i].flags);
	}
}

/* The arrays after a descriptor, as far as the file holds them. */
static void print_arrays(const char *prefix, const struct bulkhead_cell_desc *cell,
			 size_t avail)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell);
	const __u32 *irqs = bulkhead_cell_irqs(cell);
	size_t mem_bytes = sizeof(*mem) * (size_t)cell->num_memory_regions;
	unsigned int i;

	for (i = 0; i < cell->num_memory_regions; i++) {
		if ((i + 1) * sizeof(*mem) > avail) {
			printf("%smemory[%u]: past the end of the file\n", prefix, i);
			return;
		}
		print_region(prefix, i, &mem[i]);
	}
	printf("%sirqs:", prefix);
	for (i = 0; i < cell->num_irqs; i++) {
		if (mem_bytes + (i + 1) * sizeof(*irqs) > avail) {
			printf(" (irqs[%u] and later are past the end of the file)", i);
			break;
		}
		printf(" %u", irqs[i]);
	}
	printf("%s\n", cell->num_irqs ? "" : " none");
	print_virtio(prefix, cell, avail);
}

static void print_desc(const char *prefix, const struct bulkhead_cell_desc *cell,
		       size_t avail)
{
	char cpus[200], console[32];

	print_signature(prefix, cell->signature);
	printf("%srevision: %u\n", prefix, cell->revision);
	printf("%sarchitecture: %u (%s)\n", prefix, cell->architecture,
	       bulkhead_arch_name(cell->architecture));
	printf("%sflags: ", prefix);
	print_flags(cell->flags, cell_flag_names,
		    sizeof(cell_flag_names) / sizeof(cell_flag_names[0]));
	printf("\n");
	print_name(prefix, cell->name);
	printf("%scpu_set: 0x%llx (CPU%s %s)\n", prefix,
	       (unsigned long long)cell->cpu_set,
	       __builtin_popcountll(cell->cpu_set) == 1 ? "" : "s",
	       bh_cpus(cell->cpu_set, cpus, sizeof(cpus)));
	printf("%snum_memory_regions: %u\n", prefix, cell->num_memory_regions);
	printf("%snum_irqs: %u\n", prefix, cell->num_irqs);
	printf("%snum_virtio_devices: %u\n", prefix, cell->num_virtio_devices);
	printf("%sentry: 0x%llx\n", prefix, (unsigned long long)cell->entry);
	snprintf(console, sizeof(console), "%sconsole", prefix);
	print_console(console, &cell->console);
	print_arrays(prefix, cell, avail);
}

/* "irqchip.FIELD: BASE", with the frame's name and range on a GIC. */
static void print_frame(const char *field, unsigned long long base,
			unsigned long long size, const char *what)
{
	printf("irqchip.%s: 0x%llx", field, base);
	if (what && base && size)
		printf(" (%s 0x%llx..0x%llx)", what, base, base + size - 1);
	printf("\n");
}

static void print_irqchip(const struct bulkhead_irqchip *chip)
{
	int v2 = chip->type == BULKHEAD_IRQCHIP_GICV2;
	int gic = v2 || chip->type == BULKHEAD_IRQCHIP_GICV3;

	printf("irqchip.type: %u (%s)\n", chip->type,
	       bulkhead_irqchip_name(chip->type));
	printf("irqchip.num_irqs: %u\n", chip->num_irqs);
	print_frame("base", chip->base, chip->size, gic ? "GICD" : NULL);
	printf("irqchip.size: 0x%llx\n", (unsigned long long)chip->size);
	print_frame("redist_base", chip->redist_base, chip->redist_size,
		    gic ? "GICR" : NULL);
	printf("irqchip.redist_size: 0x%llx\n", (unsigned long long)chip->redist_size);
	printf("irqchip.maintenance_irq: %u\n", chip->maintenance_irq);
	printf("irqchip.virtio_notify_irq: %u%s\n", chip->virtio_notify_irq,
	       chip->virtio_notify_irq ? "" : " (none: no cell may have virtio devices)");
	/* GICv2 only, fixed sizes; shown as they are on the others */
	print_frame("gicc_base", chip->gicc_base, BULKHEAD_GICV2_GICC_SIZE,
		    v2 ? "GICC" : NULL);
	print_frame("gich_base", chip->gich_base, BULKHEAD_GICV2_GICH_SIZE,
		    v2 ? "GICH" : NULL);
	print_frame("gicv_base", chip->gicv_base, BULKHEAD_GICV2_GICV_SIZE,
		    v2 ? "GICV" : NULL);
}

static void print_system(const struct bulkhead_system *sys, size_t size)
{
	const struct bulkhead_memory *hv = &sys->hypervisor_memory;
	char buf[32];

	print_signature("", sys->signature);
	printf("revision: %u\n", sys->revision);
	printf("architecture: %u (%s)\n", sys->architecture,
	       bulkhead_arch_name(sys->architecture));
	printf("flags: 0x%x\n", sys->flags);
	printf("hypervisor_memory: phys 0x%llx size 0x%llx (%s) virt 0x%llx flags 0x%llx\n",
	       (unsigned long long)hv->phys_start, (unsigned long long)hv->size,
	       bh_size_unit(hv->size, buf, sizeof(buf)),
	       (unsigned long long)hv->virt_start, (unsigned long long)hv->flags);
	print_console("debug_console", &sys->debug_console);
	print_irqchip(&sys->irqchip);
	print_desc("root_cell.", &sys->root_cell, size - sizeof(*sys));
}

/* Prints the fields, then the verdict of the validator; returns BH_EXIT_*. */
int bh_config_show(const struct bh_config_file *file)
{
	struct bulkhead_config_error err;
	int system = bh_config_is_system(file);
	size_t header = system ? sizeof(struct bulkhead_system) :
				 sizeof(struct bulkhead_cell_desc);
	char msg[512];
	int ret;

	printf("%s: %s config, %zu bytes\n", file->path,
	       system ? "system" : "cell", file->size);
	if (file->size < header)
		printf("(too short for the %zu-byte header: no fields shown)\n",
		       header);
	else if (system)
		print_system(file->data, file->size);
	else
		print_desc("", file->data, file->size - header);
	ret = system ? bulkhead_check_system(file->data, file->size, &err) :
		       bulkhead_check_cell(file->data, file->size, NULL, &err);
	if (!ret) {
		printf("check: OK%s\n", system ? "" :
		       " (alone; check it against its system config with \"bulkhead config check\")");
		return BH_EXIT_OK;
	}
	bulkhead_config_error_format(&err, msg, sizeof(msg));
	printf("check: %s\n", msg);
	return BH_EXIT_FAIL;
}
