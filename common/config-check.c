// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The one validator of bulkhead config blobs.
 *
 * It is compiled into the hypervisor (freestanding), the Linux driver, the
 * CLI, the unit tests and the fuzzer, so everything here is plain C without
 * libc, allocation, division, recursion or mutable globals, and every name
 * is prefixed so it cannot collide with kernel macros.
 *
 * Every rejection names the offending field as a path ("root_cell.memory[2]
 * .size") and says why, so a user can fix the C source of the config.
 * Address ranges are handled as (start, last) with an inclusive last byte,
 * which lets a region end at the very top of the 64-bit address space
 * without overflowing.
 */
#include <bulkhead/config-check.h>

_Static_assert(sizeof(struct bulkhead_cell_desc) == BULKHEAD_CELL_DESC_SIZE,
	       "struct bulkhead_cell_desc changed size: the ABI is broken");
_Static_assert(sizeof(struct bulkhead_system) == BULKHEAD_SYSTEM_SIZE,
	       "struct bulkhead_system changed size: the ABI is broken");
_Static_assert(sizeof(struct bulkhead_memory) == 32,
	       "struct bulkhead_memory changed size: the ABI is broken");
_Static_assert(sizeof(struct bulkhead_virtio_device) == 16,
	       "struct bulkhead_virtio_device changed size: the ABI is broken");
/* The root cell's arrays follow the system header directly. */
_Static_assert(__builtin_offsetof(struct bulkhead_system, root_cell) +
	       sizeof(struct bulkhead_cell_desc) == BULKHEAD_SYSTEM_SIZE,
	       "root_cell must be the last member of struct bulkhead_system");

#define BHC_FAIL		(-BULKHEAD_EINVAL)
#define BHC_PAGE_MASK		(BULKHEAD_PAGE_SIZE - 1)
#define BHC_HV_MIN_SIZE		0x100000ULL
#define BHC_GIC_FIRST_PPI	16
#define BHC_NO_INDEX		(~0U)
/* Most interrupt lines any supported irqchip has. */
#define BHC_MAX_LINES		1024

_Static_assert(BULKHEAD_GIC_MAX_IRQS <= BHC_MAX_LINES &&
	       BULKHEAD_PLIC_MAX_IRQS <= BHC_MAX_LINES &&
	       BHC_MAX_LINES % 64 == 0, "BHC_MAX_LINES is too small");

/* ---------------------------------------------------------------------- */
/* Bounded string building into the fixed buffers of the error structure. */

struct bhc_text {
	char *buf;
	unsigned int cap;
	unsigned int len;
};

static void bhc_text_init(struct bhc_text *t, char *buf, unsigned int cap)
{
	t->buf = buf;
	t->cap = cap;
	t->len = 0;
	buf[0] = '\0';
}

static void bhc_putc(struct bhc_text *t, char c)
{
	if (t->len + 1 >= t->cap)
		return;
	t->buf[t->len++] = c;
	t->buf[t->len] = '\0';
}

static void bhc_puts(struct bhc_text *t, const char *s)
{
	while (*s)
		bhc_putc(t, *s++);
}

/* Decimal by repeated subtraction: 64-bit division would need libgcc. */
static void bhc_putu(struct bhc_text *t, __u64 v)
{
	static const __u64 pow10[20] = {
		10000000000000000000ULL, 1000000000000000000ULL,
		100000000000000000ULL, 10000000000000000ULL,
		1000000000000000ULL, 100000000000000ULL, 10000000000000ULL,
		1000000000000ULL, 100000000000ULL, 10000000000ULL,
		1000000000ULL, 100000000ULL, 10000000ULL, 1000000ULL,
		100000ULL, 10000ULL, 1000ULL, 100ULL, 10ULL, 1ULL,
	};
	unsigned int i;
	int started = 0;
	char digit;

	for (i = 0; i < 20; i++) {
		digit = '0';
		while (v >= pow10[i]) {
			v -= pow10[i];
			digit++;
		}
		if (digit != '0' || started || i == 19) {
			bhc_putc(t, digit);
			started = 1;
		}
	}
}

static void bhc_putx(struct bhc_text *t, __u64 v)
{
	int shift;
	int started = 0;
	unsigned int nibble;

	bhc_puts(t, "0x");
	for (shift = 60; shift >= 0; shift -= 4) {
		nibble = (v >> shift) & 0xf;
		if (nibble || started || shift == 0) {
			bhc_putc(t, "0123456789abcdef"[nibble]);
			started = 1;
		}
	}
}

static void bhc_put_range(struct bhc_text *t, __u64 start, __u64 last)
{
	bhc_putx(t, start);
	bhc_puts(t, "..");
	bhc_putx(t, last);
}

static unsigned int bhc_cpu_count(__u64 mask)
{
	unsigned int n = 0;

	while (mask) {
		mask &= mask - 1;
		n++;
	}
	return n;
}

/* "CPU 3" or "CPUs 0-2,5": users think in CPU numbers, not masks. */
static void bhc_put_cpus(struct bhc_text *t, __u64 mask)
{
	unsigned int cpu = 0, first;
	int sep = 0;

	bhc_puts(t, bhc_cpu_count(mask) == 1 ? "CPU " : "CPUs ");
	while (cpu < BULKHEAD_MAX_CPUS) {
		if (!(mask & (1ULL << cpu))) {
			cpu++;
			continue;
		}
		first = cpu;
		while (cpu + 1 < BULKHEAD_MAX_CPUS && (mask & (1ULL << (cpu + 1))))
			cpu++;
		if (sep)
			bhc_putc(t, ',');
		bhc_putu(t, first);
		if (cpu != first) {
			bhc_putc(t, '-');
			bhc_putu(t, cpu);
		}
		sep = 1;
		cpu++;
	}
}

/* ---------------------------------------------------------------------- */
/* Filling in the error. */

/* Resets *err and starts its field path in err->where. */
static void bhc_where(struct bulkhead_config_error *err, struct bhc_text *w)
{
	bhc_text_init(w, err->where, sizeof(err->where));
	err->field = err->where;
	err->reason = "";
	err->value = 0;
	err->has_value = 0;
	err->text[0] = '\0';
}

/* Field "<a><b><c>". */
static struct bulkhead_config_error *
bhc_at(struct bulkhead_config_error *err, const char *a, const char *b,
       const char *c)
{
	struct bhc_text w;

	bhc_where(err, &w);
	bhc_puts(&w, a);
	bhc_puts(&w, b);
	bhc_puts(&w, c);
	return err;
}

/* Field "<prefix><array>[<index>]" or "<prefix><array>[<index>].<member>". */
static struct bulkhead_config_error *
bhc_at_elem(struct bulkhead_config_error *err, const char *prefix,
	    const char *array, __u64 index, const char *member)
{
	struct bhc_text w;

	bhc_where(err, &w);
	bhc_puts(&w, prefix);
	bhc_puts(&w, array);
	bhc_putc(&w, '[');
	bhc_putu(&w, index);
	bhc_putc(&w, ']');
	if (*member) {
		bhc_putc(&w, '.');
		bhc_puts(&w, member);
	}
	return err;
}

static int bhc_fail(struct bulkhead_config_error *err, const char *reason)
{
	err->reason = reason;
	return BHC_FAIL;
}

static int bhc_fail_val(struct bulkhead_config_error *err, const char *reason,
			__u64 value)
{
	err->value = value;
	err->has_value = 1;
	return bhc_fail(err, reason);
}

/* Starts a reason built at run time in err->text; call after bhc_at*(). */
static void bhc_reason(struct bulkhead_config_error *err, struct bhc_text *t)
{
	bhc_text_init(t, err->text, sizeof(err->text));
	err->reason = err->text;
}

/* ---------------------------------------------------------------------- */
/* Small helpers. */

static int bhc_memeq(const char *a, const char *b, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* Equal NUL-terminated cell names (both already checked). */
static int bhc_names_equal(const char *a, const char *b)
{
	unsigned int i;

	for (i = 0; i < BULKHEAD_CELL_NAME_LEN; i++) {
		if (a[i] != b[i])
			return 0;
		if (!a[i])
			return 1;
	}
	return 1;
}

static __u64 bhc_last(__u64 start, __u64 size)
{
	return start + (size - 1);
}

static int bhc_wraps(__u64 start, __u64 size)
{
	return size && bhc_last(start, size) < start;
}

/* Sizes are non-zero and ranges do not wrap when this is called. */
static int bhc_overlap(__u64 a, __u64 a_size, __u64 b, __u64 b_size)
{
	return a <= bhc_last(b, b_size) && b <= bhc_last(a, a_size);
}

static int bhc_within(__u64 inner, __u64 inner_size, __u64 outer,
		      __u64 outer_size)
{
	return inner >= outer &&
	       bhc_last(inner, inner_size) <= bhc_last(outer, outer_size);
}

static int bhc_is_comm(const struct bulkhead_memory *m)
{
	return (m->flags & BULKHEAD_MEM_COMM_REGION) != 0;
}

static int bhc_is_pool(const struct bulkhead_memory *m)
{
	return (m->flags & BULKHEAD_MEM_VIRTIO_POOL) != 0;
}

static const struct bulkhead_cell_desc *
bhc_root(const struct bulkhead_system *sys)
{
	return &sys->root_cell;
}

/* GICv2 and GICv3 share the interrupt numbering and what cells may own. */
static int bhc_is_gic(const struct bulkhead_irqchip *chip)
{
	return chip->type == BULKHEAD_IRQCHIP_GICV3 ||
	       chip->type == BULKHEAD_IRQCHIP_GICV2;
}

/* One register window of a GICv2, named for messages. */
struct bhc_frame {
	const char *field;	/* the irqchip field that holds its base */
	const char *what;	/* "GICC" */
	const char *zero;	/* why a base of 0 is refused */
	__u64 base, size;
};

#define BHC_GICV2_FRAMES	4

/*
 * The windows of a GICv2 in the order of its device tree node's reg:
 * GICD (sized by the config), then GICC, GICH and GICV (fixed sizes).
 */
static void bhc_gicv2_frames(const struct bulkhead_irqchip *chip,
			     struct bhc_frame *f)
{
	/* GICD is checked as the irqchip's register window */
	f[0] = (struct bhc_frame){ .field = "base", .what = "GICD",
				   .base = chip->base, .size = chip->size };
	f[1] = (struct bhc_frame){
		.field = "gicc_base", .what = "GICC",
		.zero = "is 0: give the physical address of the GICv2's CPU interface (GICC), reg[1] of its device tree node",
		.base = chip->gicc_base, .size = BULKHEAD_GICV2_GICC_SIZE };
	f[2] = (struct bhc_frame){
		.field = "gich_base", .what = "GICH",
		.zero = "is 0: give the physical address of the GICv2's hypervisor control interface (GICH), reg[2] of its device tree node; a GIC without it lacks the virtualization extensions bulkhead needs",
		.base = chip->gich_base, .size = BULKHEAD_GICV2_GICH_SIZE };
	f[3] = (struct bhc_frame){
		.field = "gicv_base", .what = "GICV",
		.zero = "is 0: give the physical address of the GICv2's virtual CPU interface (GICV), reg[3] of its device tree node; a GIC without it lacks the virtualization extensions bulkhead needs",
		.base = chip->gicv_base, .size = BULKHEAD_GICV2_GICV_SIZE };
}

const char *bulkhead_arch_name(__u16 arch)
{
	switch (arch) {
	case BULKHEAD_ARCH_ARM64:
		return "arm64";
	case BULKHEAD_ARCH_RISCV64:
		return "riscv64";
	default:
		return "unknown";
	}
}

const char *bulkhead_virtio_type_name(__u16 type)
{
	switch (type) {
	case BULKHEAD_VIRTIO_NET:
		return "net";
	case BULKHEAD_VIRTIO_BLOCK:
		return "block";
	case BULKHEAD_VIRTIO_CONSOLE:
		return "console";
	default:
		return "unknown";
	}
}

const char *bulkhead_irqchip_name(__u16 type)
{
	switch (type) {
	case BULKHEAD_IRQCHIP_GICV3:
		return "GICv3";
	case BULKHEAD_IRQCHIP_GICV2:
		return "GICv2";
	case BULKHEAD_IRQCHIP_PLIC:
		return "PLIC";
	default:
		return "unknown";
	}
}

__u64 bulkhead_guest_addr_limit(__u16 arch)
{
	switch (arch) {
	case BULKHEAD_ARCH_ARM64:
		return 1ULL << BULKHEAD_ARM64_GUEST_ADDR_BITS;
	case BULKHEAD_ARCH_RISCV64:
		return 1ULL << BULKHEAD_RISCV64_GUEST_ADDR_BITS;
	default:
		return 0;
	}
}

/* ---------------------------------------------------------------------- */
/* The blob as a whole and the identification every header starts with. */

static int bhc_check_too_short(__u64 size, __u64 header, const char *what,
			       struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at(err, "config", "", "");
	bhc_reason(err, &t);
	bhc_puts(&t, "is ");
	bhc_putu(&t, size);
	bhc_puts(&t, " bytes, shorter than the ");
	bhc_putu(&t, header);
	bhc_puts(&t, "-byte ");
	bhc_puts(&t, what);
	bhc_puts(&t, " header: the file is truncated or not a config");
	return BHC_FAIL;
}

static int bhc_check_blob(const void *blob, __u64 size, int want_system,
			  struct bulkhead_config_error *err)
{
	const char *want = want_system ? BULKHEAD_SYSTEM_SIGNATURE :
					 BULKHEAD_CELL_SIGNATURE;
	const char *other = want_system ? BULKHEAD_CELL_SIGNATURE :
					  BULKHEAD_SYSTEM_SIGNATURE;
	__u64 header = want_system ? sizeof(struct bulkhead_system) :
				     sizeof(struct bulkhead_cell_desc);

	if (size && !blob)
		return bhc_fail(bhc_at(err, "config", "", ""),
				"is a NULL pointer with a non-zero size");
	if ((unsigned long)blob & 7)
		return bhc_fail(bhc_at(err, "config", "", ""),
				"is not 8-byte aligned in memory: load it into an aligned buffer");
	if (size >= BULKHEAD_SIGNATURE_LEN && bhc_memeq(blob, other, 8))
		return bhc_fail(bhc_at(err, "signature", "", ""), want_system ?
				"this is a cell config, not a system config" :
				"this is a system config, not a cell config");
	if (size >= BULKHEAD_SIGNATURE_LEN && !bhc_memeq(blob, want, 8))
		return bhc_fail(bhc_at(err, "signature", "", ""), want_system ?
				"is not \"" BULKHEAD_SYSTEM_SIGNATURE "\": this is not a bulkhead system config" :
				"is not \"" BULKHEAD_CELL_SIGNATURE "\": this is not a bulkhead cell config");
	if (size < header)
		return bhc_check_too_short(size, header,
					   want_system ? "system config" :
							 "cell config", err);
	return 0;
}

static int bhc_check_revision(__u16 revision, const char *prefix,
			      struct bulkhead_config_error *err)
{
	struct bhc_text t;

	if (revision == BULKHEAD_CONFIG_REVISION)
		return 0;
	bhc_at(err, prefix, "revision", "");
	bhc_reason(err, &t);
	bhc_puts(&t, "is revision ");
	bhc_putu(&t, revision);
	bhc_puts(&t, ", but this bulkhead reads revision ");
	bhc_putu(&t, BULKHEAD_CONFIG_REVISION);
	bhc_puts(&t, ": rebuild the config against this bulkhead");
	return BHC_FAIL;
}

static int bhc_check_arch(__u16 arch, const char *prefix,
			  struct bulkhead_config_error *err)
{
	if (arch == BULKHEAD_ARCH_ARM64 || arch == BULKHEAD_ARCH_RISCV64)
		return 0;
	return bhc_fail_val(bhc_at(err, prefix, "architecture", ""),
			    "is not a known architecture: use BULKHEAD_ARCH_ARM64 (1) or BULKHEAD_ARCH_RISCV64 (2)",
			    arch);
}

/* The root cell descriptor inside a system config is a cell descriptor. */
static int bhc_check_root_signature(const struct bulkhead_cell_desc *root,
				    struct bulkhead_config_error *err)
{
	if (bhc_memeq(root->signature, BULKHEAD_CELL_SIGNATURE,
		      BULKHEAD_SIGNATURE_LEN))
		return 0;
	return bhc_fail(bhc_at(err, "root_cell.", "signature", ""),
			"is not \"" BULKHEAD_CELL_SIGNATURE "\", the signature of a cell descriptor");
}

/* ---------------------------------------------------------------------- */
/* Consoles. */

static int bhc_check_console_type(const struct bulkhead_console *con,
				  const char *prefix,
				  struct bulkhead_config_error *err)
{
	if (con->flags)
		return bhc_fail_val(bhc_at(err, prefix, "flags", ""),
				    "is reserved and must be 0", con->flags);
	if (con->type > BULKHEAD_CONSOLE_TYPE_MAX)
		return bhc_fail_val(bhc_at(err, prefix, "type", ""),
				    "is not a known console type: use BULKHEAD_CONSOLE_NONE (0), BULKHEAD_CONSOLE_PL011 (1) or BULKHEAD_CONSOLE_NS16550 (2)",
				    con->type);
	return 0;
}

static int bhc_check_console(const struct bulkhead_console *con,
			     const char *prefix,
			     struct bulkhead_config_error *err)
{
	int ret = bhc_check_console_type(con, prefix, err);

	if (ret)
		return ret;
	if (con->type == BULKHEAD_CONSOLE_NONE) {
		if (con->address)
			return bhc_fail_val(bhc_at(err, prefix, "address", ""),
					    "is set, but type is BULKHEAD_CONSOLE_NONE: set the type or clear the address",
					    con->address);
		if (con->size)
			return bhc_fail_val(bhc_at(err, prefix, "size", ""),
					    "is set, but type is BULKHEAD_CONSOLE_NONE: set the type or clear the size",
					    con->size);
		return 0;
	}
	if (!con->address)
		return bhc_fail(bhc_at(err, prefix, "address", ""),
				"is 0: give the physical address of the UART");
	if (!con->size)
		return bhc_fail(bhc_at(err, prefix, "size", ""),
				"is 0: give the size of the UART's register window");
	if (bhc_wraps(con->address, con->size))
		return bhc_fail_val(bhc_at(err, prefix, "size", ""),
				    "makes address + size wrap past the end of the 64-bit address space",
				    con->size);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* One memory region on its own. */

static int bhc_check_region_alignment(const struct bulkhead_memory *m,
				      const char *prefix, __u64 i,
				      struct bulkhead_config_error *err)
{
	static const char reason[] =
		"is not a multiple of the page size (0x1000)";

	if (m->phys_start & BHC_PAGE_MASK)
		return bhc_fail_val(bhc_at_elem(err, prefix, "memory", i,
						"phys_start"),
				    reason, m->phys_start);
	if (m->virt_start & BHC_PAGE_MASK)
		return bhc_fail_val(bhc_at_elem(err, prefix, "memory", i,
						"virt_start"),
				    reason, m->virt_start);
	if (m->size & BHC_PAGE_MASK)
		return bhc_fail_val(bhc_at_elem(err, prefix, "memory", i, "size"),
				    reason, m->size);
	return 0;
}

static int bhc_check_region_wrap(const struct bulkhead_memory *m,
				 const char *prefix, __u64 i,
				 struct bulkhead_config_error *err)
{
	if (!bhc_is_comm(m) && bhc_wraps(m->phys_start, m->size))
		return bhc_fail_val(bhc_at_elem(err, prefix, "memory", i, "size"),
				    "makes phys_start + size wrap past the end of the 64-bit address space",
				    m->size);
	if (bhc_wraps(m->virt_start, m->size))
		return bhc_fail_val(bhc_at_elem(err, prefix, "memory", i, "size"),
				    "makes virt_start + size wrap past the end of the 64-bit address space",
				    m->size);
	return 0;
}

static int bhc_check_comm_region(const struct bulkhead_memory *m,
				 const char *prefix, __u64 i, int is_root,
				 struct bulkhead_config_error *err)
{
	if (is_root)
		return bhc_fail_val(bhc_at_elem(err, prefix, "memory", i, "flags"),
				    "has BULKHEAD_MEM_COMM_REGION, but the root cell has no communication region: clear the flag",
				    m->flags);
	if (m->phys_start)
		return bhc_fail_val(bhc_at_elem(err, prefix, "memory", i,
						"phys_start"),
				    "must be 0 in the communication region: the hypervisor provides its page",
				    m->phys_start);
	if (m->size != BULKHEAD_PAGE_SIZE)
		return bhc_fail_val(bhc_at_elem(err, prefix, "memory", i, "size"),
				    "must be exactly one page (0x1000) in the communication region",
				    m->size);
	return 0;
}

/*
 * The pool is the only memory of the cell root's backend sees, so both
 * read and write it: ROOTSHARED keeps it mapped in root.
 */
static int bhc_check_pool_region(const struct bulkhead_memory *m,
				 const char *prefix, __u64 i, int is_root,
				 struct bulkhead_config_error *err)
{
	static const __u64 needed = BULKHEAD_MEM_ROOTSHARED |
				    BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE;

	bhc_at_elem(err, prefix, "memory", i, "flags");
	if (is_root)
		return bhc_fail_val(err, "has BULKHEAD_MEM_VIRTIO_POOL, but the root cell serves virtio devices and has none of its own: clear the flag",
				    m->flags);
	if (bhc_is_comm(m))
		return bhc_fail_val(err, "has BULKHEAD_MEM_VIRTIO_POOL and BULKHEAD_MEM_COMM_REGION: the pool is RAM of its own, clear one of them",
				    m->flags);
	if (m->flags & BULKHEAD_MEM_IO)
		return bhc_fail_val(err, "has BULKHEAD_MEM_VIRTIO_POOL and BULKHEAD_MEM_IO: the pool is RAM, clear BULKHEAD_MEM_IO",
				    m->flags);
	if ((m->flags & needed) != needed)
		return bhc_fail_val(err, "has BULKHEAD_MEM_VIRTIO_POOL without all of BULKHEAD_MEM_ROOTSHARED, READ and WRITE: root's backend and the cell both use the pool, set them",
				    m->flags);
	return 0;
}

static int bhc_check_region(const struct bulkhead_memory *m,
			    const char *prefix, __u64 i, int is_root,
			    struct bulkhead_config_error *err)
{
	int ret;

	if (m->flags & ~(__u64)BULKHEAD_MEM_VALID_FLAGS)
		return bhc_fail_val(bhc_at_elem(err, prefix, "memory", i, "flags"),
				    "has unknown bits set (the known bits are 0x1ff)",
				    m->flags & ~(__u64)BULKHEAD_MEM_VALID_FLAGS);
	if (!m->size)
		return bhc_fail(bhc_at_elem(err, prefix, "memory", i, "size"),
				"is 0: a region covers at least one page");
	if (bhc_is_pool(m)) {
		ret = bhc_check_pool_region(m, prefix, i, is_root, err);
		if (ret)
			return ret;
	}
	ret = bhc_check_region_alignment(m, prefix, i, err);
	if (!ret && bhc_is_comm(m))
		ret = bhc_check_comm_region(m, prefix, i, is_root, err);
	if (!ret)
		ret = bhc_check_region_wrap(m, prefix, i, err);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* The regions of one cell against each other. */

static int bhc_overlap_error(const char *prefix, __u64 j, int phys, __u64 i,
			     __u64 start, __u64 size, __u64 other,
			     __u64 other_size,
			     struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at_elem(err, prefix, "memory", j, phys ? "phys_start" : "virt_start");
	bhc_reason(err, &t);
	bhc_puts(&t, phys ? "physical range " : "virtual range ");
	bhc_put_range(&t, start, bhc_last(start, size));
	bhc_puts(&t, " overlaps ");
	bhc_puts(&t, prefix);
	bhc_puts(&t, "memory[");
	bhc_putu(&t, i);
	bhc_puts(&t, "] (");
	bhc_put_range(&t, other, bhc_last(other, other_size));
	bhc_putc(&t, ')');
	return BHC_FAIL;
}

/* The communication region has no physical address, only a virtual one. */
static int bhc_check_region_pair(const struct bulkhead_memory *mem, __u64 i,
				 __u64 j, const char *prefix,
				 struct bulkhead_config_error *err)
{
	const struct bulkhead_memory *a = &mem[i], *b = &mem[j];

	if (!bhc_is_comm(a) && !bhc_is_comm(b) &&
	    bhc_overlap(a->phys_start, a->size, b->phys_start, b->size))
		return bhc_overlap_error(prefix, j, 1, i, b->phys_start, b->size,
					 a->phys_start, a->size, err);
	if (bhc_overlap(a->virt_start, a->size, b->virt_start, b->size))
		return bhc_overlap_error(prefix, j, 0, i, b->virt_start, b->size,
					 a->virt_start, a->size, err);
	return 0;
}

static int bhc_second_comm_error(const char *prefix, __u64 j, __u64 first,
				 struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at_elem(err, prefix, "memory", j, "flags");
	bhc_reason(err, &t);
	bhc_puts(&t, "marks a second communication region (the first is memory[");
	bhc_putu(&t, first);
	bhc_puts(&t, "]): a cell has at most one");
	return BHC_FAIL;
}

static int bhc_second_pool_error(const char *prefix, __u64 j, __u64 first,
				 struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at_elem(err, prefix, "memory", j, "flags");
	bhc_reason(err, &t);
	bhc_puts(&t, "marks a second virtio pool (the first is memory[");
	bhc_putu(&t, first);
	bhc_puts(&t, "]): a cell has at most one, shared by all its virtio devices");
	return BHC_FAIL;
}

/*
 * The hypervisor's tables end at the arch's guest address limit: a region
 * beyond it could never be mapped (enable or cell create would fail).
 */
static int bhc_check_region_limit(const struct bulkhead_memory *m,
				  const char *prefix, __u64 i, __u16 arch,
				  struct bulkhead_config_error *err)
{
	__u64 limit = bulkhead_guest_addr_limit(arch);
	struct bhc_text t;

	if (!limit || (m->virt_start < limit && m->size <= limit - m->virt_start))
		return 0;
	bhc_at_elem(err, prefix, "memory", i, "virt_start");
	bhc_reason(err, &t);
	bhc_puts(&t, "region ");
	bhc_put_range(&t, m->virt_start, bhc_last(m->virt_start, m->size));
	bhc_puts(&t, " ends beyond ");
	bhc_putx(&t, limit);
	bhc_puts(&t, ", the end of the guest address space ");
	bhc_puts(&t, bulkhead_arch_name(arch));
	bhc_puts(&t, " cells have: leave the region out or move it lower");
	return BHC_FAIL;
}

static int bhc_check_regions(const struct bulkhead_cell_desc *cell,
			     const char *prefix, int is_root, __u16 arch,
			     struct bulkhead_config_error *err)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell);
	__u32 n = cell->num_memory_regions, i, j;
	__u32 comm = BHC_NO_INDEX, pool = BHC_NO_INDEX;
	int ret;

	for (i = 0; i < n; i++) {
		ret = bhc_check_region(&mem[i], prefix, i, is_root, err);
		if (!ret)
			ret = bhc_check_region_limit(&mem[i], prefix, i, arch, err);
		if (ret)
			return ret;
		if (bhc_is_comm(&mem[i]) && comm != BHC_NO_INDEX)
			return bhc_second_comm_error(prefix, i, comm, err);
		if (bhc_is_comm(&mem[i]))
			comm = i;
		if (bhc_is_pool(&mem[i]) && pool != BHC_NO_INDEX)
			return bhc_second_pool_error(prefix, i, pool, err);
		if (bhc_is_pool(&mem[i]))
			pool = i;
	}
	for (j = 1; j < n; j++)
		for (i = 0; i < j; i++) {
			ret = bhc_check_region_pair(mem, i, j, prefix, err);
			if (ret)
				return ret;
		}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* A cell descriptor and its arrays, without looking at the system. */

static int bhc_check_name(const char *name, const char *prefix,
			  struct bulkhead_config_error *err)
{
	unsigned int i;

	if (!name[0])
		return bhc_fail(bhc_at(err, prefix, "name", ""),
				"is empty: give the cell a name");
	for (i = 0; i < BULKHEAD_CELL_NAME_LEN && name[i]; i++)
		if (name[i] < 0x20 || name[i] > 0x7e)
			return bhc_fail_val(bhc_at(err, prefix, "name", ""),
					    "contains a character that is not printable ASCII",
					    (__u8)name[i]);
	if (i == BULKHEAD_CELL_NAME_LEN)
		return bhc_fail(bhc_at(err, prefix, "name", ""),
				"is not NUL-terminated within 32 bytes: use a name of at most 31 characters");
	return 0;
}

static int bhc_check_reserved(const struct bulkhead_cell_desc *cell,
			      const char *prefix,
			      struct bulkhead_config_error *err)
{
	unsigned int i;

	if (cell->reserved0)
		return bhc_fail_val(bhc_at(err, prefix, "reserved0", ""),
				    "is reserved and must be 0", cell->reserved0);
	for (i = 0; i < sizeof(cell->reserved) / sizeof(cell->reserved[0]); i++)
		if (cell->reserved[i])
			return bhc_fail_val(bhc_at_elem(err, prefix, "reserved",
							i, ""),
					    "is reserved and must be 0",
					    cell->reserved[i]);
	return 0;
}

static int bhc_check_counts(const struct bulkhead_cell_desc *cell,
			    const char *prefix,
			    struct bulkhead_config_error *err)
{
	if (cell->num_memory_regions > BULKHEAD_MAX_MEMORY_REGIONS)
		return bhc_fail_val(bhc_at(err, prefix, "num_memory_regions", ""),
				    "is more than BULKHEAD_MAX_MEMORY_REGIONS (64)",
				    cell->num_memory_regions);
	if (cell->num_irqs > BULKHEAD_MAX_IRQS)
		return bhc_fail_val(bhc_at(err, prefix, "num_irqs", ""),
				    "is more than BULKHEAD_MAX_IRQS (1024)",
				    cell->num_irqs);
	if (cell->num_virtio_devices > BULKHEAD_MAX_VIRTIO_DEVICES)
		return bhc_fail_val(bhc_at(err, prefix, "num_virtio_devices", ""),
				    "is more than BULKHEAD_MAX_VIRTIO_DEVICES (8)",
				    cell->num_virtio_devices);
	return 0;
}

static int bhc_past_end_error(const char *prefix, const char *count,
			      __u64 end, __u64 size,
			      struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at(err, prefix, count, "");
	bhc_reason(err, &t);
	bhc_puts(&t, "counts past the end: the arrays would end at byte ");
	bhc_putu(&t, end);
	bhc_puts(&t, ", but the config has ");
	bhc_putu(&t, size);
	bhc_puts(&t, " bytes");
	return BHC_FAIL;
}

static int bhc_trailing_error(__u64 end, __u64 size,
			      struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at(err, "config", "", "");
	bhc_reason(err, &t);
	bhc_puts(&t, "has ");
	bhc_putu(&t, size - end);
	bhc_puts(&t, " bytes after the arrays the counts announce (");
	bhc_putu(&t, end);
	bhc_puts(&t, " bytes): a count is too small or the file has trailing data");
	return BHC_FAIL;
}

/*
 * The arrays start at byte header of the blob; counts are bounded already,
 * so these sums cannot overflow 64 bits.
 */
static int bhc_check_size(const struct bulkhead_cell_desc *cell,
			  const char *prefix, __u64 header, __u64 size,
			  struct bulkhead_config_error *err)
{
	__u64 mem_end = header + (__u64)cell->num_memory_regions *
				 sizeof(struct bulkhead_memory);
	__u64 irq_end = mem_end + bulkhead_irqs_size(cell->num_irqs);
	__u64 end = irq_end + (__u64)cell->num_virtio_devices *
			      sizeof(struct bulkhead_virtio_device);

	if (mem_end > size)
		return bhc_past_end_error(prefix, "num_memory_regions", mem_end,
					  size, err);
	if (irq_end > size)
		return bhc_past_end_error(prefix, "num_irqs", irq_end, size, err);
	if (end > size)
		return bhc_past_end_error(prefix, "num_virtio_devices", end, size,
					  err);
	if (end < size)
		return bhc_trailing_error(end, size, err);
	return 0;
}

static int bhc_check_irq_padding(const struct bulkhead_cell_desc *cell,
				 const char *prefix,
				 struct bulkhead_config_error *err)
{
	const __u32 *irqs = bulkhead_cell_irqs(cell);

	if (!(cell->num_irqs & 1) || !irqs[cell->num_irqs])
		return 0;
	return bhc_fail_val(bhc_at_elem(err, prefix, "irqs", cell->num_irqs, ""),
			    "is the padding after the last interrupt and must be 0",
			    irqs[cell->num_irqs]);
}

static int bhc_entry_in_code(const struct bulkhead_cell_desc *cell)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell);
	__u32 i;

	for (i = 0; i < cell->num_memory_regions; i++)
		if (!bhc_is_comm(&mem[i]) &&
		    (mem[i].flags & BULKHEAD_MEM_EXECUTE) &&
		    bhc_within(cell->entry, 1, mem[i].virt_start, mem[i].size))
			return 1;
	return 0;
}

static int bhc_check_entry(const struct bulkhead_cell_desc *cell,
			   const char *prefix, int is_root,
			   struct bulkhead_config_error *err)
{
	/* RISC-V has 2-byte compressed instructions, arm64 only 4-byte ones. */
	__u64 align = cell->architecture == BULKHEAD_ARCH_ARM64 ? 4 : 2;

	if (is_root) {
		if (cell->entry)
			return bhc_fail_val(bhc_at(err, prefix, "entry", ""),
					    "must be 0: the root cell is the running Linux and is never started",
					    cell->entry);
		return 0;
	}
	if (cell->entry & (align - 1))
		return bhc_fail_val(bhc_at(err, prefix, "entry", ""),
				    align == 4 ? "is not 4-byte aligned: arm64 instructions are 4 bytes" :
						 "is not 2-byte aligned: riscv64 instructions are at least 2 bytes",
				    cell->entry);
	if (!bhc_entry_in_code(cell))
		return bhc_fail_val(bhc_at(err, prefix, "entry", ""),
				    "is not inside a memory region of the cell with BULKHEAD_MEM_EXECUTE (entry is a cell-virtual address)",
				    cell->entry);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Virtio devices: register windows the hypervisor traps, served by root. */

static int bhc_irq_listed(const struct bulkhead_cell_desc *cell, __u32 irq)
{
	const __u32 *irqs = bulkhead_cell_irqs(cell);
	__u32 k;

	for (k = 0; k < cell->num_irqs; k++)
		if (irqs[k] == irq)
			return 1;
	return 0;
}

static int bhc_virtio_window_error(__u64 i, const char *before,
				   __u64 address, const char *after,
				   __u64 j, const char *end,
				   struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at_elem(err, "", "virtio_devices", i, "address");
	bhc_reason(err, &t);
	bhc_puts(&t, before);
	bhc_put_range(&t, address, bhc_last(address, BULKHEAD_PAGE_SIZE));
	bhc_puts(&t, after);
	bhc_putu(&t, j);
	bhc_puts(&t, end);
	return BHC_FAIL;
}

/*
 * The window is one page the cell's stage 2 leaves unmapped, so that every
 * access traps: no memory region of the cell may cover it, and no other
 * device may claim it.
 */
static int bhc_check_virtio_window(const struct bulkhead_cell_desc *cell,
				   __u64 i, __u16 arch,
				   struct bulkhead_config_error *err)
{
	const struct bulkhead_virtio_device *dev = bulkhead_cell_virtio(cell);
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell);
	__u64 limit = bulkhead_guest_addr_limit(arch);
	__u64 a = dev[i].address;
	struct bhc_text t;
	__u32 k;

	if (a & BHC_PAGE_MASK)
		return bhc_fail_val(bhc_at_elem(err, "", "virtio_devices", i,
						"address"),
				    "is not a multiple of the page size (0x1000): each device has a page of its own",
				    a);
	if (limit && a > limit - BULKHEAD_PAGE_SIZE) {
		bhc_at_elem(err, "", "virtio_devices", i, "address");
		bhc_reason(err, &t);
		bhc_puts(&t, "is beyond ");
		bhc_putx(&t, limit - BULKHEAD_PAGE_SIZE);
		bhc_puts(&t, ", the last page of the guest address space ");
		bhc_puts(&t, bulkhead_arch_name(arch));
		bhc_puts(&t, " cells have: move it lower");
		return bhc_fail_val(err, err->text, a);
	}
	for (k = 0; k < cell->num_memory_regions; k++)
		if (bhc_overlap(a, BULKHEAD_PAGE_SIZE, mem[k].virt_start,
				mem[k].size))
			return bhc_virtio_window_error(i, "window ", a,
						       " overlaps memory[", k,
						       "] of the cell: the window is trapped, move it to an address the cell has no memory at",
						       err);
	for (k = 0; k < i; k++)
		if (dev[k].address == a)
			return bhc_virtio_window_error(i, "window ", a,
						       " is also the window of virtio_devices[",
						       k, "]: give each device a page of its own",
						       err);
	return 0;
}

static int bhc_check_virtio_irq(const struct bulkhead_cell_desc *cell,
				__u64 i, struct bulkhead_config_error *err)
{
	const struct bulkhead_virtio_device *dev = bulkhead_cell_virtio(cell);
	struct bhc_text t;
	__u64 k;

	bhc_at_elem(err, "", "virtio_devices", i, "irq");
	if (!bhc_irq_listed(cell, dev[i].irq)) {
		bhc_reason(err, &t);
		bhc_puts(&t, "interrupt ");
		bhc_putu(&t, dev[i].irq);
		bhc_puts(&t, " is not in the cell's irqs: list it there, a cell owns its devices' interrupts");
		return BHC_FAIL;
	}
	for (k = 0; k < i; k++) {
		if (dev[k].irq != dev[i].irq)
			continue;
		bhc_reason(err, &t);
		bhc_puts(&t, "interrupt ");
		bhc_putu(&t, dev[i].irq);
		bhc_puts(&t, " is also the interrupt of virtio_devices[");
		bhc_putu(&t, k);
		bhc_puts(&t, "]: give each device its own");
		return BHC_FAIL;
	}
	return 0;
}

static int bhc_check_virtio_device(const struct bulkhead_cell_desc *cell,
				   __u64 i, __u16 arch,
				   struct bulkhead_config_error *err)
{
	const struct bulkhead_virtio_device *dev = &bulkhead_cell_virtio(cell)[i];
	int ret;

	if (dev->type != BULKHEAD_VIRTIO_NET && dev->type != BULKHEAD_VIRTIO_BLOCK &&
	    dev->type != BULKHEAD_VIRTIO_CONSOLE)
		return bhc_fail_val(bhc_at_elem(err, "", "virtio_devices", i, "type"),
				    "is not a device type bulkhead serves: use BULKHEAD_VIRTIO_NET (1), BULKHEAD_VIRTIO_BLOCK (2) or BULKHEAD_VIRTIO_CONSOLE (3)",
				    dev->type);
	if (dev->flags)
		return bhc_fail_val(bhc_at_elem(err, "", "virtio_devices", i, "flags"),
				    "is reserved and must be 0", dev->flags);
	ret = bhc_check_virtio_window(cell, i, arch, err);
	return ret ? ret : bhc_check_virtio_irq(cell, i, err);
}

static int bhc_has_pool(const struct bulkhead_cell_desc *cell)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell);
	__u32 i;

	for (i = 0; i < cell->num_memory_regions; i++)
		if (bhc_is_pool(&mem[i]))
			return 1;
	return 0;
}

/* After the regions: the pool rules are checked there. */
static int bhc_check_virtio(const struct bulkhead_cell_desc *cell, __u16 arch,
			    struct bulkhead_config_error *err)
{
	__u32 i;
	int ret;

	for (i = 0; i < cell->num_virtio_devices; i++) {
		ret = bhc_check_virtio_device(cell, i, arch, err);
		if (ret)
			return ret;
	}
	if (cell->num_virtio_devices && !bhc_has_pool(cell))
		return bhc_fail_val(bhc_at(err, "num_virtio_devices", "", ""),
				    "is not 0, but no memory region has BULKHEAD_MEM_VIRTIO_POOL: give the cell one, its virtio devices move all their data through it",
				    cell->num_virtio_devices);
	return 0;
}

static int bhc_check_desc_fields(const struct bulkhead_cell_desc *cell,
				 const char *prefix,
				 struct bulkhead_config_error *err)
{
	struct bhc_text console;
	char console_prefix[32];
	int ret;

	if (cell->flags & ~(__u32)BULKHEAD_CELL_VALID_FLAGS)
		return bhc_fail_val(bhc_at(err, prefix, "flags", ""),
				    "has unknown bits set (the known bits are 0x3)",
				    cell->flags & ~(__u32)BULKHEAD_CELL_VALID_FLAGS);
	ret = bhc_check_name(cell->name, prefix, err);
	if (ret)
		return ret;
	if (!cell->cpu_set)
		return bhc_fail(bhc_at(err, prefix, "cpu_set", ""),
				"is empty: a cell needs at least one CPU");
	ret = bhc_check_reserved(cell, prefix, err);
	if (ret)
		return ret;
	bhc_text_init(&console, console_prefix, sizeof(console_prefix));
	bhc_puts(&console, prefix);
	bhc_puts(&console, "console.");
	return bhc_check_console(&cell->console, console_prefix, err);
}

/*
 * Everything about a cell descriptor (the root cell's or another's) that
 * needs no system: header fields, counts against the blob size, the regions.
 */
static int bhc_check_desc(const struct bulkhead_cell_desc *cell,
			  const char *prefix, int is_root, __u16 arch,
			  __u64 header, __u64 size,
			  struct bulkhead_config_error *err)
{
	int ret = bhc_check_desc_fields(cell, prefix, err);

	if (!ret)
		ret = bhc_check_counts(cell, prefix, err);
	/* Before the size: "counts past the end" would not say why. */
	if (!ret && is_root && cell->num_virtio_devices)
		return bhc_fail_val(bhc_at(err, prefix, "num_virtio_devices", ""),
				    "must be 0: the root cell serves virtio devices to other cells and has none of its own",
				    cell->num_virtio_devices);
	if (!ret)
		ret = bhc_check_size(cell, prefix, header, size, err);
	if (!ret)
		ret = bhc_check_irq_padding(cell, prefix, err);
	if (!ret && is_root && cell->num_irqs)
		return bhc_fail_val(bhc_at(err, prefix, "num_irqs", ""),
				    "must be 0: the root cell owns every interrupt no other cell is given",
				    cell->num_irqs);
	if (!ret)
		ret = bhc_check_regions(cell, prefix, is_root, arch, err);
	if (!ret)
		ret = bhc_check_entry(cell, prefix, is_root, err);
	if (!ret && !is_root)
		ret = bhc_check_virtio(cell, arch, err);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* The system config: hypervisor memory, irqchip, root cell. */

static int bhc_check_hv_memory(const struct bulkhead_memory *hv,
			       struct bulkhead_config_error *err)
{
	static const char prefix[] = "hypervisor_memory.";

	if (hv->flags)
		return bhc_fail_val(bhc_at(err, prefix, "flags", ""),
				    "must be 0: the hypervisor maps its own memory",
				    hv->flags);
	if (hv->virt_start)
		return bhc_fail_val(bhc_at(err, prefix, "virt_start", ""),
				    "is unused and must be 0", hv->virt_start);
	if (hv->phys_start & BHC_PAGE_MASK)
		return bhc_fail_val(bhc_at(err, prefix, "phys_start", ""),
				    "is not a multiple of the page size (0x1000)",
				    hv->phys_start);
	if (hv->size & BHC_PAGE_MASK)
		return bhc_fail_val(bhc_at(err, prefix, "size", ""),
				    "is not a multiple of the page size (0x1000)",
				    hv->size);
	if (hv->size < BHC_HV_MIN_SIZE)
		return bhc_fail_val(bhc_at(err, prefix, "size", ""),
				    "is less than 1 MiB (0x100000), the least the hypervisor runs in",
				    hv->size);
	if (bhc_wraps(hv->phys_start, hv->size))
		return bhc_fail_val(bhc_at(err, prefix, "size", ""),
				    "makes phys_start + size wrap past the end of the 64-bit address space",
				    hv->size);
	return 0;
}

static int bhc_check_window(__u64 base, __u64 size, const char *base_name,
			    const char *size_name,
			    struct bulkhead_config_error *err)
{
	if (!base)
		return bhc_fail(bhc_at(err, "irqchip.", base_name, ""),
				"is 0: give the physical address of the irqchip's register window");
	if (!size)
		return bhc_fail(bhc_at(err, "irqchip.", size_name, ""),
				"is 0: give the size of the irqchip's register window");
	if (base & BHC_PAGE_MASK)
		return bhc_fail_val(bhc_at(err, "irqchip.", base_name, ""),
				    "is not a multiple of the page size (0x1000)", base);
	if (size & BHC_PAGE_MASK)
		return bhc_fail_val(bhc_at(err, "irqchip.", size_name, ""),
				    "is not a multiple of the page size (0x1000)", size);
	if (bhc_wraps(base, size))
		return bhc_fail_val(bhc_at(err, "irqchip.", size_name, ""),
				    "makes the window wrap past the end of the 64-bit address space",
				    size);
	return 0;
}

/* What GICv2 and GICv3 have in common: the lines, the maintenance PPI. */
static int bhc_check_gic(const struct bulkhead_irqchip *chip,
			 struct bulkhead_config_error *err)
{
	if (chip->num_irqs <= BULKHEAD_GIC_FIRST_SPI)
		return bhc_fail_val(bhc_at(err, "irqchip.", "num_irqs", ""),
				    "must be more than 32 on a GIC: interrupts 0..31 are SGIs and PPIs",
				    chip->num_irqs);
	if (chip->num_irqs > BULKHEAD_GIC_MAX_IRQS)
		return bhc_fail_val(bhc_at(err, "irqchip.", "num_irqs", ""),
				    "is more than BULKHEAD_GIC_MAX_IRQS (1020): GIC INTIDs 1020..1023 are special",
				    chip->num_irqs);
	if (chip->maintenance_irq < BHC_GIC_FIRST_PPI ||
	    chip->maintenance_irq >= BULKHEAD_GIC_FIRST_SPI)
		return bhc_fail_val(bhc_at(err, "irqchip.", "maintenance_irq", ""),
				    "is not a PPI (16..31): the GIC maintenance interrupt is per-CPU",
				    chip->maintenance_irq);
	return 0;
}

/* GICC, GICH and GICV exist on a GICv2 only. */
static int bhc_check_no_gicv2_frames(const struct bulkhead_irqchip *chip,
				     const char *reason,
				     struct bulkhead_config_error *err)
{
	struct bhc_frame f[BHC_GICV2_FRAMES];
	unsigned int k;

	bhc_gicv2_frames(chip, f);
	for (k = 1; k < BHC_GICV2_FRAMES; k++)
		if (f[k].base)
			return bhc_fail_val(bhc_at(err, "irqchip.", f[k].field, ""),
					    reason, f[k].base);
	return 0;
}

static int bhc_check_gicv3(const struct bulkhead_irqchip *chip,
			   struct bulkhead_config_error *err)
{
	int ret = bhc_check_gic(chip, err);

	if (!ret)
		ret = bhc_check_no_gicv2_frames(chip,
						"must be 0 on GICv3: only a GICv2 has this frame",
						err);
	if (!ret)
		ret = bhc_check_window(chip->redist_base, chip->redist_size,
				       "redist_base", "redist_size", err);
	if (ret)
		return ret;
	if (bhc_overlap(chip->base, chip->size, chip->redist_base,
			chip->redist_size))
		return bhc_fail_val(bhc_at(err, "irqchip.", "redist_base", ""),
				    "the redistributor window overlaps the distributor window",
				    chip->redist_base);
	return 0;
}

/* A frame and its range, "GICC 0x8010000..0x8011fff". */
static void bhc_put_frame(struct bhc_text *t, const struct bhc_frame *f)
{
	bhc_puts(t, f->what);
	bhc_putc(t, ' ');
	bhc_put_range(t, f->base, bhc_last(f->base, f->size));
}

/*
 * GICC is mapped into every cell at its own address, so it must lie in
 * the guest address space; GICH and GICV are held to the same limit.
 */
static int bhc_check_gicv2_frame(const struct bhc_frame *f, __u16 arch,
				 struct bulkhead_config_error *err)
{
	__u64 limit = bulkhead_guest_addr_limit(arch);
	struct bhc_text t;

	bhc_at(err, "irqchip.", f->field, "");
	if (!f->base)
		return bhc_fail(err, f->zero);
	if (f->base & BHC_PAGE_MASK)
		return bhc_fail_val(err, "is not a multiple of the page size (0x1000)",
				    f->base);
	if (!limit || (f->base < limit && f->size <= limit - f->base))
		return 0;
	bhc_reason(err, &t);
	bhc_put_frame(&t, f);
	bhc_puts(&t, " ends beyond ");
	bhc_putx(&t, limit);
	bhc_puts(&t, ", the end of the ");
	bhc_puts(&t, bulkhead_arch_name(arch));
	bhc_puts(&t, " guest address space: the hypervisor cannot map it");
	return bhc_fail_val(err, err->text, f->base);
}

static int bhc_gicv2_overlap_error(const struct bhc_frame *a,
				   const struct bhc_frame *b,
				   struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at(err, "irqchip.", b->field, "");
	bhc_reason(err, &t);
	bhc_put_frame(&t, b);
	bhc_puts(&t, " overlaps ");
	bhc_put_frame(&t, a);
	bhc_puts(&t, ": GICv2 frames are apart (GICC, GICV 0x2000 bytes, GICH 0x1000)");
	return BHC_FAIL;
}

static int bhc_check_gicv2(const struct bulkhead_irqchip *chip, __u16 arch,
			   struct bulkhead_config_error *err)
{
	static const char no_redist[] =
		"must be 0 on GICv2: it has no redistributors";
	struct bhc_frame f[BHC_GICV2_FRAMES];
	unsigned int i, j;
	int ret = bhc_check_gic(chip, err);

	if (ret)
		return ret;
	if (chip->redist_base)
		return bhc_fail_val(bhc_at(err, "irqchip.", "redist_base", ""),
				    no_redist, chip->redist_base);
	if (chip->redist_size)
		return bhc_fail_val(bhc_at(err, "irqchip.", "redist_size", ""),
				    no_redist, chip->redist_size);
	bhc_gicv2_frames(chip, f);
	for (j = 1; j < BHC_GICV2_FRAMES; j++) {
		ret = bhc_check_gicv2_frame(&f[j], arch, err);
		if (ret)
			return ret;
	}
	for (j = 1; j < BHC_GICV2_FRAMES; j++)
		for (i = 0; i < j; i++)
			if (bhc_overlap(f[i].base, f[i].size, f[j].base,
					f[j].size))
				return bhc_gicv2_overlap_error(&f[i], &f[j], err);
	return 0;
}

static int bhc_check_plic(const struct bulkhead_irqchip *chip,
			  struct bulkhead_config_error *err)
{
	static const char reason[] = "must be 0 on the PLIC";

	if (chip->num_irqs <= 1)
		return bhc_fail_val(bhc_at(err, "irqchip.", "num_irqs", ""),
				    "must be more than 1 on the PLIC: source 0 does not exist",
				    chip->num_irqs);
	if (chip->num_irqs > BULKHEAD_PLIC_MAX_IRQS)
		return bhc_fail_val(bhc_at(err, "irqchip.", "num_irqs", ""),
				    "is more than BULKHEAD_PLIC_MAX_IRQS (1024)",
				    chip->num_irqs);
	if (chip->redist_base)
		return bhc_fail_val(bhc_at(err, "irqchip.", "redist_base", ""),
				    reason, chip->redist_base);
	if (chip->redist_size)
		return bhc_fail_val(bhc_at(err, "irqchip.", "redist_size", ""),
				    reason, chip->redist_size);
	if (chip->maintenance_irq)
		return bhc_fail_val(bhc_at(err, "irqchip.", "maintenance_irq", ""),
				    reason, chip->maintenance_irq);
	return bhc_check_no_gicv2_frames(chip, reason, err);
}

/*
 * The line the hypervisor raises in root for virtio requests: one the
 * irqchip has and that can be routed to root (an SPI, a PLIC source), 0
 * for none. Which lines no hardware drives only the machine knows.
 */
static int bhc_check_notify_irq(const struct bulkhead_irqchip *chip, int gic,
				struct bulkhead_config_error *err)
{
	__u32 irq = chip->virtio_notify_irq;
	__u32 first = gic ? BULKHEAD_GIC_FIRST_SPI : 1;
	struct bhc_text t;

	if (!irq || (irq >= first && irq < chip->num_irqs))
		return 0;
	bhc_at(err, "irqchip.", "virtio_notify_irq", "");
	bhc_reason(err, &t);
	bhc_puts(&t, gic ? "is not an SPI of the GIC (" : "is not a source of the PLIC (");
	bhc_putu(&t, first);
	bhc_puts(&t, "..");
	bhc_putu(&t, chip->num_irqs - 1);
	bhc_puts(&t, "): use a line no device drives, or 0 without virtio");
	return bhc_fail_val(err, err->text, irq);
}

static int bhc_check_irqchip(const struct bulkhead_system *sys,
			     struct bulkhead_config_error *err)
{
	const struct bulkhead_irqchip *chip = &sys->irqchip;
	int gic = sys->architecture == BULKHEAD_ARCH_ARM64;
	int ret;

	if (chip->reserved0)
		return bhc_fail_val(bhc_at(err, "irqchip.", "reserved0", ""),
				    "is reserved and must be 0", chip->reserved0);
	if (gic && !bhc_is_gic(chip))
		return bhc_fail_val(bhc_at(err, "irqchip.", "type", ""),
				    "must be BULKHEAD_IRQCHIP_GICV3 (1) or BULKHEAD_IRQCHIP_GICV2 (3) on arm64",
				    chip->type);
	if (!gic && chip->type != BULKHEAD_IRQCHIP_PLIC)
		return bhc_fail_val(bhc_at(err, "irqchip.", "type", ""),
				    "must be BULKHEAD_IRQCHIP_PLIC (2) on riscv64",
				    chip->type);
	ret = bhc_check_window(chip->base, chip->size, "base", "size", err);
	if (ret)
		return ret;
	if (chip->type == BULKHEAD_IRQCHIP_GICV3)
		ret = bhc_check_gicv3(chip, err);
	else if (chip->type == BULKHEAD_IRQCHIP_GICV2)
		ret = bhc_check_gicv2(chip, sys->architecture, err);
	else
		ret = bhc_check_plic(chip, err);
	return ret ? ret : bhc_check_notify_irq(chip, gic, err);
}

static int bhc_check_root_ident(const struct bulkhead_system *sys,
				struct bulkhead_config_error *err)
{
	const struct bulkhead_cell_desc *root = bhc_root(sys);
	struct bhc_text t;
	int ret;

	ret = bhc_check_root_signature(root, err);
	if (!ret)
		ret = bhc_check_revision(root->revision, "root_cell.", err);
	if (ret || root->architecture == sys->architecture)
		return ret;
	bhc_at(err, "root_cell.", "architecture", "");
	bhc_reason(err, &t);
	bhc_puts(&t, "is ");
	bhc_puts(&t, bulkhead_arch_name(root->architecture));
	bhc_puts(&t, ", but the system config's architecture is ");
	bhc_puts(&t, bulkhead_arch_name(sys->architecture));
	err->value = root->architecture;
	err->has_value = 1;
	return BHC_FAIL;
}

static int bhc_hv_overlap_error(const struct bulkhead_memory *hv,
				const char *field_prefix, __u64 i,
				const char *advice,
				struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at_elem(err, field_prefix, "memory", i, "phys_start");
	bhc_reason(err, &t);
	bhc_puts(&t, "overlaps hypervisor_memory (");
	bhc_put_range(&t, hv->phys_start, bhc_last(hv->phys_start, hv->size));
	bhc_puts(&t, "): ");
	bhc_puts(&t, advice);
	return BHC_FAIL;
}

static int bhc_check_root_vs_hv(const struct bulkhead_system *sys,
				struct bulkhead_config_error *err)
{
	const struct bulkhead_cell_desc *root = bhc_root(sys);
	const struct bulkhead_memory *mem = bulkhead_cell_memory(root);
	const struct bulkhead_memory *hv = &sys->hypervisor_memory;
	__u32 i;

	for (i = 0; i < root->num_memory_regions; i++)
		if (bhc_overlap(mem[i].phys_start, mem[i].size, hv->phys_start,
				hv->size))
			return bhc_hv_overlap_error(hv, "root_cell.", i,
						    "hypervisor memory belongs to no cell, leave it out",
						    err);
	return 0;
}

static int bhc_window_error(const char *field, const char *window,
			    __u64 base, __u64 size, const char *other,
			    __u64 index, const char *why,
			    struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at(err, "irqchip.", field, "");
	bhc_reason(err, &t);
	bhc_puts(&t, window);
	bhc_putc(&t, ' ');
	bhc_put_range(&t, base, bhc_last(base, size));
	bhc_puts(&t, " overlaps ");
	bhc_puts(&t, other);
	if (index != BHC_NO_INDEX) {
		bhc_putc(&t, '[');
		bhc_putu(&t, index);
		bhc_putc(&t, ']');
	}
	bhc_puts(&t, ": ");
	bhc_puts(&t, why);
	return BHC_FAIL;
}

/* One irqchip window against hypervisor memory and every root region. */
static int bhc_check_window_free(const struct bulkhead_system *sys,
				 const char *field, const char *window,
				 __u64 base, __u64 size, const char *why,
				 struct bulkhead_config_error *err)
{
	const struct bulkhead_cell_desc *root = bhc_root(sys);
	const struct bulkhead_memory *mem = bulkhead_cell_memory(root);
	const struct bulkhead_memory *hv = &sys->hypervisor_memory;
	__u32 i;

	if (bhc_overlap(base, size, hv->phys_start, hv->size))
		return bhc_window_error(field, window, base, size,
					"hypervisor_memory", BHC_NO_INDEX, why,
					err);
	for (i = 0; i < root->num_memory_regions; i++)
		if (bhc_overlap(base, size, mem[i].phys_start, mem[i].size))
			return bhc_window_error(field, window, base, size,
						"root_cell.memory", i, why, err);
	return 0;
}

/*
 * Root Linux must never reach GICH or GICV, and finds the virtual CPU
 * interface the hypervisor maps at the GICC address; cells get their
 * memory from root, so none of them reaches a frame either.
 */
static int bhc_check_irqchip_windows(const struct bulkhead_system *sys,
				     struct bulkhead_config_error *err)
{
	static const char trapped[] =
		"the hypervisor traps the irqchip, nobody else maps it";
	static const char *const mapped[BHC_GICV2_FRAMES] = {
		[1] = "the hypervisor maps each cell's GICC itself, leave it out",
		[2] = "only the hypervisor maps it, leave it out",
		[3] = "only the hypervisor maps it, leave it out",
	};
	const struct bulkhead_irqchip *chip = &sys->irqchip;
	struct bhc_frame f[BHC_GICV2_FRAMES];
	unsigned int k;
	int ret;

	ret = bhc_check_window_free(sys, "base", "register window", chip->base,
				    chip->size, trapped, err);
	if (ret)
		return ret;
	if (chip->type == BULKHEAD_IRQCHIP_GICV3)
		return bhc_check_window_free(sys, "redist_base",
					     "redistributor window",
					     chip->redist_base,
					     chip->redist_size, trapped, err);
	if (chip->type != BULKHEAD_IRQCHIP_GICV2)
		return 0;
	bhc_gicv2_frames(chip, f);
	for (k = 1; k < BHC_GICV2_FRAMES && !ret; k++)
		ret = bhc_check_window_free(sys, f[k].field, f[k].what,
					    f[k].base, f[k].size, mapped[k], err);
	return ret;
}

/* A GICv2 has BULKHEAD_GICV2_MAX_CPUS CPU interfaces at most. */
static int bhc_check_gicv2_cpus(const struct bulkhead_system *sys,
				struct bulkhead_config_error *err)
{
	__u64 cpus = bhc_root(sys)->cpu_set;
	__u64 beyond = cpus & ~((1ULL << BULKHEAD_GICV2_MAX_CPUS) - 1);
	struct bhc_text t;

	if (sys->irqchip.type != BULKHEAD_IRQCHIP_GICV2 || !beyond)
		return 0;
	bhc_at(err, "root_cell.", "cpu_set", "");
	bhc_reason(err, &t);
	bhc_puts(&t, "contains ");
	bhc_put_cpus(&t, beyond);
	bhc_puts(&t, ", but a GICv2 has 8 CPU interfaces at most (CPUs 0-7): leave the others out, no interrupt could reach them");
	return bhc_fail_val(err, err->text, cpus);
}

int bulkhead_check_system(const void *blob, __u64 size,
			  struct bulkhead_config_error *err)
{
	const struct bulkhead_system *sys = blob;
	struct bulkhead_config_error scratch;
	int ret;

	if (!err)
		err = &scratch;
	ret = bhc_check_blob(blob, size, 1, err);
	if (!ret)
		ret = bhc_check_revision(sys->revision, "", err);
	if (!ret)
		ret = bhc_check_arch(sys->architecture, "", err);
	if (!ret && sys->flags)
		return bhc_fail_val(bhc_at(err, "flags", "", ""),
				    "is reserved and must be 0", sys->flags);
	if (!ret)
		ret = bhc_check_hv_memory(&sys->hypervisor_memory, err);
	if (!ret)
		ret = bhc_check_console(&sys->debug_console, "debug_console.", err);
	if (!ret)
		ret = bhc_check_irqchip(sys, err);
	if (!ret)
		ret = bhc_check_root_ident(sys, err);
	if (!ret)
		ret = bhc_check_desc(bhc_root(sys), "root_cell.", 1,
				     sys->architecture, sizeof(*sys), size,
				     err);
	if (!ret)
		ret = bhc_check_gicv2_cpus(sys, err);
	if (!ret)
		ret = bhc_check_root_vs_hv(sys, err);
	if (!ret)
		ret = bhc_check_irqchip_windows(sys, err);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* A cell against the system. */

static int bhc_check_cell_arch(const struct bulkhead_cell_desc *cell,
			       const struct bulkhead_system *sys,
			       struct bulkhead_config_error *err)
{
	struct bhc_text t;

	if (cell->architecture == sys->architecture)
		return 0;
	bhc_at(err, "architecture", "", "");
	bhc_reason(err, &t);
	bhc_puts(&t, "is ");
	bhc_puts(&t, bulkhead_arch_name(cell->architecture));
	bhc_puts(&t, ", but the system config is ");
	bhc_puts(&t, bulkhead_arch_name(sys->architecture));
	err->value = cell->architecture;
	err->has_value = 1;
	return BHC_FAIL;
}

static int bhc_check_cpus(const struct bulkhead_cell_desc *cell,
			  const struct bulkhead_system *sys,
			  struct bulkhead_config_error *err)
{
	__u64 root = bhc_root(sys)->cpu_set;
	__u64 foreign = cell->cpu_set & ~root;
	struct bhc_text t;

	if (foreign) {
		bhc_at(err, "cpu_set", "", "");
		bhc_reason(err, &t);
		bhc_puts(&t, "contains ");
		bhc_put_cpus(&t, foreign);
		bhc_puts(&t, ", not in the root cell's cpu_set (");
		bhc_putx(&t, root);
		bhc_puts(&t, "): a cell gets its CPUs from the root cell");
		return bhc_fail_val(err, err->text, cell->cpu_set);
	}
	return bulkhead_check_root_keeps_cpu(sys, cell->cpu_set, err);
}

int bulkhead_check_root_keeps_cpu(const struct bulkhead_system *sys,
				  __u64 taken,
				  struct bulkhead_config_error *err)
{
	__u64 root = bhc_root(sys)->cpu_set;
	struct bulkhead_config_error scratch;
	struct bhc_text t;

	if (!err)
		err = &scratch;
	if ((taken & root) != root)
		return 0;
	bhc_at(err, "cpu_set", "", "");
	bhc_reason(err, &t);
	bhc_puts(&t, "takes the root cell's last CPU (the root cell has ");
	bhc_put_cpus(&t, root);
	bhc_puts(&t, "): leave the root cell at least one");
	return bhc_fail_val(err, err->text, taken);
}

/* Which root region, if any, holds the range; kind: IO flag to match. */
static __u32 bhc_find_root_region(const struct bulkhead_system *sys,
				  __u64 start, __u64 size, __u64 kind,
				  int match_kind)
{
	const struct bulkhead_cell_desc *root = bhc_root(sys);
	const struct bulkhead_memory *mem = bulkhead_cell_memory(root);
	__u32 i;

	for (i = 0; i < root->num_memory_regions; i++) {
		if (match_kind && (mem[i].flags & BULKHEAD_MEM_IO) != kind)
			continue;
		if (bhc_within(start, size, mem[i].phys_start, mem[i].size))
			return i;
	}
	return BHC_NO_INDEX;
}

static int bhc_kind_error(const struct bulkhead_memory *m, __u64 i,
			  __u32 root_index, struct bulkhead_config_error *err)
{
	int io = (m->flags & BULKHEAD_MEM_IO) != 0;
	struct bhc_text t;

	bhc_at_elem(err, "", "memory", i, "flags");
	bhc_reason(err, &t);
	bhc_puts(&t, io ? "has BULKHEAD_MEM_IO, but lies in RAM (root_cell.memory[" :
			  "lacks BULKHEAD_MEM_IO, but lies in device memory (root_cell.memory[");
	bhc_putu(&t, root_index);
	bhc_puts(&t, io ? "]): clear BULKHEAD_MEM_IO" : "]): set BULKHEAD_MEM_IO");
	return bhc_fail_val(err, err->text, m->flags);
}

static int bhc_outside_root_error(const struct bulkhead_memory *m, __u64 i,
				  struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at_elem(err, "", "memory", i, "phys_start");
	bhc_reason(err, &t);
	bhc_puts(&t, "physical range ");
	bhc_put_range(&t, m->phys_start, bhc_last(m->phys_start, m->size));
	bhc_puts(&t, " is not inside one memory region of the root cell: a cell only gets memory the root cell owns");
	return BHC_FAIL;
}

static int bhc_check_cell_region(const struct bulkhead_memory *m, __u64 i,
				 const struct bulkhead_system *sys,
				 struct bulkhead_config_error *err)
{
	const struct bulkhead_memory *hv = &sys->hypervisor_memory;
	__u32 r;

	if (bhc_overlap(m->phys_start, m->size, hv->phys_start, hv->size))
		return bhc_hv_overlap_error(hv, "", i,
					    "hypervisor memory is never given to a cell",
					    err);
	if (bhc_find_root_region(sys, m->phys_start, m->size,
				 m->flags & BULKHEAD_MEM_IO, 1) != BHC_NO_INDEX)
		return 0;
	r = bhc_find_root_region(sys, m->phys_start, m->size, 0, 0);
	if (r != BHC_NO_INDEX)
		return bhc_kind_error(m, i, r, err);
	return bhc_outside_root_error(m, i, err);
}

static int bhc_check_cell_memory(const struct bulkhead_cell_desc *cell,
				 const struct bulkhead_system *sys,
				 struct bulkhead_config_error *err)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell);
	__u32 i;
	int ret;

	for (i = 0; i < cell->num_memory_regions; i++) {
		if (bhc_is_comm(&mem[i]))
			continue;
		ret = bhc_check_cell_region(&mem[i], i, sys, err);
		if (ret)
			return ret;
	}
	return 0;
}

static int bhc_gic_view_error(const struct bulkhead_memory *m, __u64 i,
			      const struct bhc_frame *f,
			      struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at_elem(err, "", "memory", i, "virt_start");
	bhc_reason(err, &t);
	bhc_puts(&t, "virtual range ");
	bhc_put_range(&t, m->virt_start, bhc_last(m->virt_start, m->size));
	bhc_puts(&t, " overlaps ");
	bhc_put_frame(&t, f);
	bhc_puts(&t, ", where the cell finds its GICv2: move the region");
	return BHC_FAIL;
}

/*
 * On a GICv2 every cell finds its distributor (trapped) and its virtual
 * CPU interface (mapped by the hypervisor) at the machine's GICD and GICC
 * addresses, so none of its own memory may be there. Root maps 1:1 and is
 * kept off the frames physically already.
 */
static int bhc_check_cell_gic_view(const struct bulkhead_cell_desc *cell,
				   const struct bulkhead_system *sys,
				   struct bulkhead_config_error *err)
{
	const struct bulkhead_memory *mem = bulkhead_cell_memory(cell);
	struct bhc_frame f[BHC_GICV2_FRAMES];
	__u32 i, k;

	if (sys->irqchip.type != BULKHEAD_IRQCHIP_GICV2)
		return 0;
	bhc_gicv2_frames(&sys->irqchip, f);
	for (i = 0; i < cell->num_memory_regions; i++)
		for (k = 0; k < 2; k++)	/* GICD and GICC */
			if (bhc_overlap(mem[i].virt_start, mem[i].size,
					f[k].base, f[k].size))
				return bhc_gic_view_error(&mem[i], i, &f[k],
							  err);
	return 0;
}

static int bhc_irq_error(__u64 k, const char *before, __u32 irq,
			 const char *after, __u64 n,
			 struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at_elem(err, "", "irqs", k, "");
	bhc_reason(err, &t);
	bhc_puts(&t, before);
	bhc_putu(&t, irq);
	bhc_puts(&t, after);
	if (n != BHC_NO_INDEX) {
		bhc_putu(&t, n);
		bhc_puts(&t, n == 1 ? " line" : " lines");
	}
	return BHC_FAIL;
}

static int bhc_check_irq(__u32 irq, __u64 k, const struct bulkhead_irqchip *chip,
			 struct bulkhead_config_error *err)
{
	int gic = bhc_is_gic(chip);

	if (irq >= chip->num_irqs || irq >= BHC_MAX_LINES)
		return bhc_irq_error(k, "interrupt ", irq,
				     " does not exist: the irqchip has ",
				     chip->num_irqs, err);
	if (gic && irq == chip->maintenance_irq)
		return bhc_irq_error(k, "interrupt ", irq,
				     " is the GIC maintenance interrupt, which the hypervisor keeps",
				     BHC_NO_INDEX, err);
	if (gic && irq < BULKHEAD_GIC_FIRST_SPI)
		return bhc_irq_error(k, "interrupt ", irq,
				     " is an SGI or PPI (below 32): those are per-CPU and cannot be assigned",
				     BHC_NO_INDEX, err);
	if (!gic && irq == 0)
		return bhc_irq_error(k, "interrupt ", irq,
				     " does not exist on the PLIC: sources start at 1",
				     BHC_NO_INDEX, err);
	return 0;
}

static int bhc_duplicate_irq_error(const __u32 *irqs, __u32 k,
				   struct bulkhead_config_error *err)
{
	struct bhc_text t;
	__u32 first = 0;

	while (irqs[first] != irqs[k])
		first++;
	bhc_at_elem(err, "", "irqs", k, "");
	bhc_reason(err, &t);
	bhc_puts(&t, "interrupt ");
	bhc_putu(&t, irqs[k]);
	bhc_puts(&t, " is listed twice (also irqs[");
	bhc_putu(&t, first);
	bhc_puts(&t, "])");
	return BHC_FAIL;
}

/* A bitmap finds duplicates in linear time; lines are < BHC_MAX_LINES. */
static int bhc_check_cell_irqs(const struct bulkhead_cell_desc *cell,
			       const struct bulkhead_system *sys,
			       struct bulkhead_config_error *err)
{
	const __u32 *irqs = bulkhead_cell_irqs(cell);
	__u64 seen[BHC_MAX_LINES / 64];
	__u32 k, irq;
	int ret;

	for (k = 0; k < BHC_MAX_LINES / 64; k++)
		seen[k] = 0;
	for (k = 0; k < cell->num_irqs; k++) {
		irq = irqs[k];
		ret = bhc_check_irq(irq, k, &sys->irqchip, err);
		if (ret)
			return ret;
		if (seen[irq / 64] & (1ULL << (irq % 64)))
			return bhc_duplicate_irq_error(irqs, k, err);
		seen[irq / 64] |= 1ULL << (irq % 64);
	}
	return 0;
}

/*
 * Root hears of virtio requests through irqchip.virtio_notify_irq, so a
 * cell with virtio devices needs it, and no cell may take it from root.
 */
static int bhc_check_cell_virtio_notify(const struct bulkhead_cell_desc *cell,
					const struct bulkhead_system *sys,
					struct bulkhead_config_error *err)
{
	__u32 notify = sys->irqchip.virtio_notify_irq;
	const __u32 *irqs = bulkhead_cell_irqs(cell);
	struct bhc_text t;
	__u32 k;

	if (cell->num_virtio_devices && !notify)
		return bhc_fail_val(bhc_at(err, "num_virtio_devices", "", ""),
				    "is not 0, but the system config has no irqchip.virtio_notify_irq: set it there to a line no device drives, root hears of virtio requests by it",
				    cell->num_virtio_devices);
	for (k = 0; notify && k < cell->num_irqs; k++) {
		if (irqs[k] != notify)
			continue;
		bhc_at_elem(err, "", "irqs", k, "");
		bhc_reason(err, &t);
		bhc_puts(&t, "interrupt ");
		bhc_putu(&t, notify);
		bhc_puts(&t, " is the system's irqchip.virtio_notify_irq, which root keeps: use another line");
		return BHC_FAIL;
	}
	return 0;
}

int bulkhead_check_cell(const void *blob, __u64 size,
			const struct bulkhead_system *sys,
			struct bulkhead_config_error *err)
{
	const struct bulkhead_cell_desc *cell = blob;
	struct bulkhead_config_error scratch;
	int ret;

	if (!err)
		err = &scratch;
	ret = bhc_check_blob(blob, size, 0, err);
	if (!ret)
		ret = bhc_check_revision(cell->revision, "", err);
	if (!ret)
		ret = bhc_check_arch(cell->architecture, "", err);
	if (!ret)
		ret = bhc_check_desc(cell, "", 0, cell->architecture,
				     sizeof(*cell), size, err);
	if (ret || !sys)
		return ret;
	ret = bhc_check_cell_arch(cell, sys, err);
	if (!ret)
		ret = bhc_check_cpus(cell, sys, err);
	if (!ret)
		ret = bhc_check_cell_memory(cell, sys, err);
	if (!ret)
		ret = bhc_check_cell_gic_view(cell, sys, err);
	if (!ret)
		ret = bhc_check_cell_irqs(cell, sys, err);
	if (!ret)
		ret = bhc_check_cell_virtio_notify(cell, sys, err);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Two cells against each other. */

static void bhc_put_cell(struct bhc_text *t, const struct bulkhead_cell_desc *c)
{
	bhc_puts(t, "cell \"");
	bhc_puts(t, c->name);
	bhc_putc(t, '"');
}

static int bhc_shared_cpus_error(const struct bulkhead_cell_desc *a,
				 __u64 shared,
				 struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at(err, "cpu_set", "", "");
	bhc_reason(err, &t);
	bhc_puts(&t, "shares ");
	bhc_put_cpus(&t, shared);
	bhc_puts(&t, " with ");
	bhc_put_cell(&t, a);
	return bhc_fail_val(err, err->text, shared);
}

static int bhc_shared_memory_error(const struct bulkhead_cell_desc *a,
				   __u32 i, const struct bulkhead_memory *m,
				   __u32 j, struct bulkhead_config_error *err)
{
	struct bhc_text t;

	bhc_at_elem(err, "", "memory", j, "phys_start");
	bhc_reason(err, &t);
	bhc_puts(&t, "physical range ");
	bhc_put_range(&t, m->phys_start, bhc_last(m->phys_start, m->size));
	bhc_puts(&t, " overlaps memory[");
	bhc_putu(&t, i);
	bhc_puts(&t, "] of ");
	bhc_put_cell(&t, a);
	bhc_puts(&t, bhc_is_pool(&bulkhead_cell_memory(a)[i]) || bhc_is_pool(m) ?
		 " (a virtio pool is never shared)" :
		 " (unless both are BULKHEAD_MEM_ROOTSHARED)");
	return BHC_FAIL;
}

/*
 * A virtio pool is ROOTSHARED for root's backend only: a cell sharing
 * another's pool would see that cell's I/O.
 */
static int bhc_regions_clash(const struct bulkhead_memory *x,
			     const struct bulkhead_memory *y)
{
	if (bhc_is_comm(x) || bhc_is_comm(y))
		return 0;
	if ((x->flags & y->flags & BULKHEAD_MEM_ROOTSHARED) &&
	    !bhc_is_pool(x) && !bhc_is_pool(y))
		return 0;
	return bhc_overlap(x->phys_start, x->size, y->phys_start, y->size);
}

static int bhc_check_shared_memory(const struct bulkhead_cell_desc *a,
				   const struct bulkhead_cell_desc *b,
				   struct bulkhead_config_error *err)
{
	const struct bulkhead_memory *ma = bulkhead_cell_memory(a);
	const struct bulkhead_memory *mb = bulkhead_cell_memory(b);
	__u32 i, j;

	for (j = 0; j < b->num_memory_regions; j++)
		for (i = 0; i < a->num_memory_regions; i++)
			if (bhc_regions_clash(&ma[i], &mb[j]))
				return bhc_shared_memory_error(a, i, &mb[j], j,
							       err);
	return 0;
}

static int bhc_check_shared_irqs(const struct bulkhead_cell_desc *a,
				 const struct bulkhead_cell_desc *b,
				 struct bulkhead_config_error *err)
{
	const __u32 *ia = bulkhead_cell_irqs(a), *ib = bulkhead_cell_irqs(b);
	struct bhc_text t;
	__u32 i, j;

	for (j = 0; j < b->num_irqs; j++)
		for (i = 0; i < a->num_irqs; i++) {
			if (ia[i] != ib[j])
				continue;
			bhc_at_elem(err, "", "irqs", j, "");
			bhc_reason(err, &t);
			bhc_puts(&t, "interrupt ");
			bhc_putu(&t, ib[j]);
			bhc_puts(&t, " is also given to ");
			bhc_put_cell(&t, a);
			return BHC_FAIL;
		}
	return 0;
}

int bulkhead_check_cells_disjoint(const struct bulkhead_cell_desc *a,
				  const struct bulkhead_cell_desc *b,
				  struct bulkhead_config_error *err)
{
	struct bulkhead_config_error scratch;
	struct bhc_text t;
	int ret;

	if (!err)
		err = &scratch;
	if (bhc_names_equal(a->name, b->name)) {
		bhc_at(err, "name", "", "");
		bhc_reason(err, &t);
		bhc_putc(&t, '"');
		bhc_puts(&t, b->name);
		bhc_puts(&t, "\" is also the name of another cell: cell names must be unique");
		return BHC_FAIL;
	}
	if (a->cpu_set & b->cpu_set)
		return bhc_shared_cpus_error(a, a->cpu_set & b->cpu_set, err);
	ret = bhc_check_shared_memory(a, b, err);
	if (!ret)
		ret = bhc_check_shared_irqs(a, b, err);
	return ret;
}

/* ---------------------------------------------------------------------- */

int bulkhead_config_error_format(const struct bulkhead_config_error *err,
				 char *buf, __u64 len)
{
	struct bhc_text t;

	if (!len)
		return 0;
	/* The buffers are bounded by their size, far below 4 GiB. */
	bhc_text_init(&t, buf, len > 0x10000000 ? 0x10000000 : (unsigned int)len);
	bhc_puts(&t, err->where);
	bhc_puts(&t, ": ");
	/* text[] is set exactly when the reason was built at run time. */
	bhc_puts(&t, err->text[0] ? err->text :
		 err->reason ? err->reason : "");
	if (err->has_value) {
		bhc_puts(&t, " (");
		bhc_putx(&t, err->value);
		bhc_putc(&t, ')');
	}
	return (int)t.len;
}
