// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bulkhead hardware check [--no-load] [SYSTEM.cell]: whether and how
 * bulkhead can run on this machine, one line per requirement, and for each
 * one that fails the exact fix.
 *
 * The facts of the CPU that only the kernel knows reliably (the exception
 * level Linux runs at, who holds EL2, KVM, the interrupt controller
 * interface, ISA extensions) come from the driver: BULKHEAD_HW_CHECK runs
 * the very checks enable runs (driver/hw-check.c). A module that is not
 * loaded is loaded for that and unloaded again. Everything else is read
 * here: the module under /lib/modules, the device tree and /proc/iomem for
 * the reservation of the hypervisor memory, the image in /lib/firmware.
 * hw-facts.c parses what is read.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bulkhead/hypervisor.h>
#include <bulkhead/ioctl.h>

#include "bulkhead.h"
#include "hw-facts.h"

static int hardware_run(int argc, char **argv);

static const struct bh_usage hardware_usage[] = {
	{ "hardware check [--no-load] [SYSTEM.cell]",
	  "whether and how bulkhead can run on this machine: a line per\n"
	  "      requirement, ok, warn or FAIL with its fix; the system config\n"
	  "      defaults to the first in /etc/bulkhead that fits the machine\n"
	  "      (its architecture and GIC). The module is loaded for the check\n"
	  "      and unloaded again, unless --no-load. Exit status 0 when\n"
	  "      everything needed passes" },
	{ NULL, NULL },
};

const struct bh_command bh_cmd_hardware = {
	.name = "hardware",
	.usage = hardware_usage,
	.run = hardware_run,
};

#define MODULE_NAME	"bulkhead"
#define CONFIG_DIR	"/etc/bulkhead"
#define FDT_PATH	"/sys/firmware/fdt"
#define MAX_FILE	(64 << 20)

enum verdict { V_OK, V_WARN, V_FAIL, V_SKIP, V_NUM };

static const char *const verdict_labels[V_NUM] = { "ok", "warn", "FAIL", "skip" };

struct hw_ctx {
	int no_load;
	struct utsname uts;
	__u16 arch;
	const char *arch_name;
	int count[V_NUM];
	/* The driver's checks, if it answered; else why not. */
	int have_hw;
	struct bulkhead_hw_check hw;
	char no_hw[256];
	/* The device tree Linux booted with, if readable; else why not. */
	void *fdt;
	char no_fdt[256];
	/* arm64: its GIC (version 0: none, or no device tree). */
	struct bh_gic gic;
	/* The system config, if a valid one was found. */
	const char *config_path;
	char config_found[512];
	void *config_data;
	size_t config_size;
	const struct bulkhead_system *config;
	int config_bad;
};

static void item(struct hw_ctx *c, enum verdict v, const char *name,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void item(struct hw_ctx *c, enum verdict v, const char *name,
		 const char *fmt, ...)
{
	va_list ap;

	printf("%-4s  %s: ", verdict_labels[v], name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	c->count[v]++;
}

/* The fix under its item; each line of it indented the same. */
static void fix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fix(const char *fmt, ...)
{
	char text[2048];
	const char *p;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	fputs("      fix: ", stdout);
	for (p = text; *p; p++) {
		putchar(*p);
		if (*p == '\n' && p[1])
			fputs("           ", stdout);
	}
	putchar('\n');
}

/*
 * Reads a whole file, at most max bytes (sysfs and proc files have no
 * reliable size), into a malloc'ed buffer with a NUL after the end.
 * Returns NULL with errno set.
 */
static char *read_all(const char *path, size_t max, size_t *size)
{
	size_t cap = max + 1 < 65536 ? max + 1 : 65536, len = 0;
	char *buf = NULL, *bigger;
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	for (;;) {
		if (!buf || len + 1 == cap) {
			if (buf && cap > max) {
				err = EFBIG;
				goto fail;
			}
			if (buf)
				cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			bigger = realloc(buf, cap);
			if (!bigger) {
				err = ENOMEM;
				goto fail;
			}
			buf = bigger;
		}
		n = read(fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			goto fail;
		}
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	if (size)
		*size = len;
	return buf;
fail:
	close(fd);
	free(buf);
	errno = err;
	return NULL;
}

/*
 * Runs argv with its stdout and stderr into out (the first line kept).
 * Returns its exit status, 127 if it could not be run.
 */
static int run_quiet(char *const argv[], char *out, size_t len)
{
	int pipefd[2], status;
	size_t got = 0;
	ssize_t n;
	pid_t pid;
	char *nl;

	out[0] = '\0';
	if (pipe(pipefd))
		return 127;
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return 127;
	}
	if (pid == 0) {
		dup2(pipefd[1], 1);
		dup2(pipefd[1], 2);
		close(pipefd[0]);
		close(pipefd[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[1]);
	while ((n = read(pipefd[0], out + got, len - 1 - got)) > 0 ||
	       (n < 0 && errno == EINTR)) {
		if (n > 0)
			got += n;
		if (got == len - 1) {
			char drain[256];

			while (read(pipefd[0], drain, sizeof(drain)) > 0)
				;
			break;
		}
	}
	out[got] = '\0';
	nl = strchr(out, '\n');
	if (nl)
		*nl = '\0';
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 127;
}

/* "0x0 0x70000000": value in n cells, for a reg property. */
static const char *cells(unsigned long long value, int n, char *buf, size_t len)
{
	size_t pos = 0;
	int i;

	buf[0] = '\0';
	for (i = n - 1; i >= 0 && pos < len; i--)
		pos += snprintf(buf + pos, len - pos, "%s0x%llx", pos ? " " : "",
				i < 2 ? (value >> (32 * i)) & 0xffffffffULL : 0);
	return buf;
}

static const char *size_str(unsigned long long size, char *buf, size_t len)
{
	if (size >= (1ULL << 20) && size % (1ULL << 20))
		snprintf(buf, len, "%.1f MiB", size / 1048576.0);
	else if (size >= 1024 && size % 1024 && size < (1ULL << 20))
		snprintf(buf, len, "%.1f KiB", size / 1024.0);
	else
		bh_size_unit(size, buf, len);
	return buf;
}

/* ---- the driver ---- */

static int query_driver(struct hw_ctx *c)
{
	int fd = -1, tries;

	/* devtmpfs adds the node as the module registers it; udev may lag. */
	for (tries = 0; tries < 50; tries++) {
		fd = open("/dev/bulkhead", O_RDONLY | O_CLOEXEC);
		if (fd >= 0 || errno != ENOENT)
			break;
		usleep(20000);
	}
	if (fd < 0) {
		snprintf(c->no_hw, sizeof(c->no_hw), "cannot open /dev/bulkhead: %s",
			 strerror(errno));
		return -1;
	}
	if (ioctl(fd, BULKHEAD_HW_CHECK, &c->hw)) {
		if (errno == ENOTTY)
			snprintf(c->no_hw, sizeof(c->no_hw),
				 "the loaded driver is older than this CLI: it does not know BULKHEAD_HW_CHECK");
		else
			snprintf(c->no_hw, sizeof(c->no_hw), "BULKHEAD_HW_CHECK failed: %s",
				 strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	c->have_hw = 1;
	return 0;
}

static void driver_build_item(struct hw_ctx *c)
{
	if (!c->have_hw)
		return;
	if (c->hw.architecture == c->arch &&
	    c->hw.image_revision == BULKHEAD_IMAGE_REVISION &&
	    c->hw.config_revision == BULKHEAD_CONFIG_REVISION)
		return;
	item(c, V_FAIL, "driver",
	     "the driver is from another build than this CLI: it loads image revision %u and reads config revision %u for %s, this CLI has %u and %u",
	     c->hw.image_revision, c->hw.config_revision,
	     bulkhead_arch_name(c->hw.architecture), BULKHEAD_IMAGE_REVISION,
	     BULKHEAD_CONFIG_REVISION);
	fix("install the module, the CLI and the image of one build: make ARCH=%s KDIR=/lib/modules/%s/build install (Documentation/install.md)",
	    c->arch_name, c->uts.release);
}

static void install_fix(struct hw_ctx *c)
{
	fix("build and install it for this kernel, in bulkhead's tree (Documentation/install.md):\n"
	    "make ARCH=%s KDIR=/lib/modules/%s/build install\n"
	    "or with dkms: dkms install bulkhead/0.1",
	    c->arch_name, c->uts.release);
}

/* The module file modprobe would load, or an item saying why there is none. */
static int find_module(struct hw_ctx *c, char *path, size_t len)
{
	static const char *const usual[] = {
		"extra/" MODULE_NAME ".ko", "updates/dkms/" MODULE_NAME ".ko",
		"updates/" MODULE_NAME ".ko",
	};
	char dir[300], dep[256], file[600];
	char *deps;
	size_t i;
	int found;

	snprintf(dir, sizeof(dir), "/lib/modules/%s", c->uts.release);
	snprintf(file, sizeof(file), "%s/modules.dep", dir);
	deps = read_all(file, MAX_FILE, NULL);
	found = deps && !bh_modules_dep_path(deps, MODULE_NAME, dep, sizeof(dep));
	free(deps);
	if (found) {
		snprintf(path, len, "%s%s%s", dep[0] == '/' ? "" : dir,
			 dep[0] == '/' ? "" : "/", dep);
		return 0;
	}
	for (i = 0; i < sizeof(usual) / sizeof(usual[0]); i++) {
		snprintf(file, sizeof(file), "%s/%s", dir, usual[i]);
		if (access(file, F_OK))
			continue;
		item(c, V_FAIL, "driver", "%s is not in %s/modules.dep: modprobe cannot find it",
		     file, dir);
		fix("depmod %s", c->uts.release);
		return -1;
	}
	item(c, V_FAIL, "driver", "no %s module for Linux %s (none in %s/modules.dep)",
	     MODULE_NAME, c->uts.release, dir);
	install_fix(c);
	return -1;
}

static void driver_item(struct hw_ctx *c)
{
	char *const load[] = { "modprobe", MODULE_NAME, NULL };
	char *const unload[] = { "modprobe", "-r", MODULE_NAME, NULL };
	char path[900], built[128], out[512];
	size_t size;
	char *data;
	int status;

	if (!access("/sys/module/" MODULE_NAME, F_OK)) {
		if (query_driver(c)) {
			item(c, V_FAIL, "driver", "%s is loaded, but %s", MODULE_NAME, c->no_hw);
			fix("load the module built with this CLI: rmmod %s && modprobe %s",
			    MODULE_NAME, MODULE_NAME);
		} else {
			item(c, V_OK, "driver", "%s is loaded (/dev/bulkhead)", MODULE_NAME);
			driver_build_item(c);
		}
		return;
	}
	snprintf(c->no_hw, sizeof(c->no_hw), "the driver is needed to tell, and it does not load");
	if (find_module(c, path, sizeof(path)))
		return;
	data = read_all(path, MAX_FILE, &size);
	if (!data) {
		item(c, V_FAIL, "driver", "%s: cannot read: %s", path, strerror(errno));
		install_fix(c);
		return;
	}
	built[0] = '\0';
	/* A compressed module: modprobe says whether it fits. */
	if (strlen(path) > 3 && !strcmp(path + strlen(path) - 3, ".ko") &&
	    bh_module_release(data, size, built, sizeof(built))) {
		free(data);
		item(c, V_FAIL, "driver", "%s has no vermagic: it is no kernel module", path);
		install_fix(c);
		return;
	}
	free(data);
	if (built[0] && strcmp(built, c->uts.release)) {
		item(c, V_FAIL, "driver", "%s is built for Linux %s, this is Linux %s",
		     path, built, c->uts.release);
		install_fix(c);
		return;
	}
	if (c->no_load) {
		item(c, V_OK, "driver", "%s is built for this kernel; not loaded (--no-load)",
		     path);
		snprintf(c->no_hw, sizeof(c->no_hw),
			 "the driver is needed to tell, and it is not loaded (--no-load)");
		return;
	}
	status = run_quiet(load, out, sizeof(out));
	if (status) {
		item(c, V_FAIL, "driver", "modprobe %s failed: %s", MODULE_NAME,
		     out[0] ? out : "no message");
		fix("the kernel log says why it does not load: dmesg | tail");
		return;
	}
	if (query_driver(c))
		item(c, V_FAIL, "driver", "%s loads, but %s", path, c->no_hw);
	else
		item(c, V_OK, "driver", "%s loads (built for Linux %s); loaded for this check and unloaded again",
		     path, c->uts.release);
	if (run_quiet(unload, out, sizeof(out))) {
		item(c, V_WARN, "driver", "loaded for this check, but it does not unload: %s",
		     out[0] ? out : "no message");
		fix("rmmod %s", MODULE_NAME);
	}
	driver_build_item(c);
}

/* ---- the CPU: the driver's checks ---- */

static const struct {
	__u16 arch, id;
	const char *name;
} cpu_items[] = {
	{ BULKHEAD_ARCH_ARM64, BULKHEAD_HW_ARM64_NOT_VHE, "not VHE" },
	{ BULKHEAD_ARCH_ARM64, BULKHEAD_HW_ARM64_EL2, "EL2" },
	{ BULKHEAD_ARCH_ARM64, BULKHEAD_HW_ARM64_HYP_STUB, "hyp stub" },
	{ BULKHEAD_ARCH_ARM64, BULKHEAD_HW_ARM64_KVM_HOTPLUG, "KVM hotplug" },
	{ BULKHEAD_ARCH_ARM64, BULKHEAD_HW_ARM64_GIC, "GIC" },
	{ BULKHEAD_ARCH_RISCV64, BULKHEAD_HW_RISCV_H, "H extension" },
	{ BULKHEAD_ARCH_RISCV64, BULKHEAD_HW_RISCV_NO_KVM, "KVM" },
	{ BULKHEAD_ARCH_RISCV64, BULKHEAD_HW_RISCV_SSTC, "Sstc" },
};

#define NUM_CPU_ITEMS	(sizeof(cpu_items) / sizeof(cpu_items[0]))

static const char *cpu_item_name(__u16 id)
{
	size_t i;

	for (i = 0; i < NUM_CPU_ITEMS; i++)
		if (cpu_items[i].id == id)
			return cpu_items[i].name;
	return "CPU";
}

/* "GICD 0x8000000, GICC 0x8010000, ...": a GICv2's frames in its reg. */
static const char *gicv2_frames(const struct bh_gic *g, char *buf, size_t len)
{
	static const char *const names[BH_GIC_FRAMES] = {
		"GICD", "GICC", "GICH", "GICV",
	};
	size_t pos = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < g->frames && pos < len; i++)
		pos += snprintf(buf + pos, len - pos, "%s%s %#llx", i ? ", " : "",
				names[i], (unsigned long long)g->frame[i]);
	return buf;
}

static void gic_fail_none(struct hw_ctx *c)
{
	item(c, V_FAIL, "GIC", "the device tree names no GIC (arm,gic-v3, arm,gic-400, arm,cortex-a15-gic, ...): the hypervisor has no interrupt controller to drive");
	fix("bulkhead needs a GICv3, or a GICv2 with virtualization extensions (GIC-400 class), described in the device tree Linux boots with; QEMU: -M virt,gic-version=3 or -M virt,gic-version=2,virtualization=on");
}

/* A GICv2: usable with its GICH and GICV frames in the device tree. */
static void gicv2_item(struct hw_ctx *c, const struct bulkhead_hw_result *r,
		       const struct bh_gic *g)
{
	unsigned int n = r ? BULKHEAD_HW_GIC_FRAMES(r->detail) : 0;
	char frames[160] = "";

	if (g->version == 2 && g->frames >= 0)
		gicv2_frames(g, frames, sizeof(frames));
	if (r ? r->status == BULKHEAD_HW_PASSED : g->frames == BH_GIC_FRAMES) {
		if (g->version == 2 && g->frames == BH_GIC_FRAMES)
			item(c, V_OK, "GIC", "GICv2 with virtualization extensions: %s (%s, %s)%s",
			     frames, g->path, g->compatible,
			     r ? "" : "; from the device tree alone");
		else
			item(c, V_OK, "GIC", "GICv2 with virtualization extensions (the driver finds its GICH and GICV frames in root's device tree)");
		return;
	}
	if (g->version == 2 && g->frames < 0) {
		item(c, V_FAIL, "GIC", "the GICv2 %s (%s) has a malformed reg in the device tree",
		     g->path, g->compatible);
		fix("correct the GIC node's reg: GICD, GICC, GICH and GICV, each <address size> in its parent's #address-cells and #size-cells");
		return;
	}
	if (g->version == 2)
		item(c, V_FAIL, "GIC", "the GICv2 %s (%s) has no virtualization extensions: its reg in the device tree lists %d frame(s) (%s), without the hypervisor control (GICH) and virtual CPU (GICV) interfaces",
		     g->path, g->compatible, g->frames, frames);
	else
		item(c, V_FAIL, "GIC", "the GICv2 has no virtualization extensions: its reg in root's device tree lists %u frame(s), without the hypervisor control (GICH) and virtual CPU (GICV) interfaces",
		     n);
	fix("bulkhead needs a GICv2 with virtualization extensions (GIC-400 class), its GICH and GICV frames the third and fourth reg entries of the GIC's node; QEMU: -M virt,virtualization=on");
}

/*
 * The GIC: the driver's check (the device tree's GIC as the kernel sees it,
 * the CPU's interface, a GICv2's frames) and the device tree as read here.
 */
static void gic_item(struct hw_ctx *c, const struct bulkhead_hw_result *r)
{
	const struct bh_gic *g = &c->gic;
	unsigned int version;
	char dt[256];

	if (r && r->status != BULKHEAD_HW_PASSED && r->status != BULKHEAD_HW_FAILED)
		r = NULL;
	version = r ? BULKHEAD_HW_GIC_VERSION(r->detail) : (unsigned int)g->version;
	if (g->version)
		snprintf(dt, sizeof(dt), "the device tree's GIC is %s (%s, GICv%d)",
			 g->path, g->compatible, g->version);
	else if (c->fdt)
		snprintf(dt, sizeof(dt), "the device tree names no GIC");
	else
		snprintf(dt, sizeof(dt), "%s", c->no_fdt);

	switch (version) {
	case 3:
		if (!r) {
			item(c, V_OK, "GIC", "%s; the driver would confirm the CPU's interface", dt);
		} else if (r->status == BULKHEAD_HW_PASSED) {
			item(c, V_OK, "GIC", "GICv3 with its CPU interface's system registers (ID_AA64PFR0_EL1.GIC = %u); %s",
			     BULKHEAD_HW_GIC_SYSREG(r->detail), dt);
		} else {
			item(c, V_FAIL, "GIC", "%s, but the CPU has no GICv3 system register interface (ID_AA64PFR0_EL1.GIC = 0), through which the hypervisor drives a GICv3",
			     dt);
			fix("a CPU without that interface is wired to a GICv2 or older: the device tree must describe that GIC (a GIC-400: compatible \"arm,gic-400\", reg GICD, GICC, GICH, GICV); QEMU: -M virt,gic-version=3 gives a GICv3 with the interface");
		}
		return;
	case 2:
		gicv2_item(c, r, g);
		return;
	}
	if (r && g->version) {
		item(c, V_FAIL, "GIC", "%s, which is no GIC the driver knows (arm,gic-v3, arm,gic-400, arm,cortex-a15-gic, arm,cortex-a9-gic, arm,cortex-a7-gic)",
		     dt);
		fix("bulkhead needs a GICv3, or a GICv2 with virtualization extensions (GIC-400 class)");
	} else if (r || c->fdt) {
		gic_fail_none(c);
	} else
		item(c, V_SKIP, "GIC", "unknown: %s, and %s", c->no_hw, dt);
}

static void cpu_result(struct hw_ctx *c, const struct bulkhead_hw_result *r)
{
	const char *name = cpu_item_name(r->id);
	unsigned long long d = r->detail;

	if (r->id == BULKHEAD_HW_ARM64_GIC) {
		gic_item(c, r);
		return;
	}
	if (r->status == BULKHEAD_HW_NOT_RUN) {
		item(c, V_SKIP, name, "not checked: it needs the failed checks above");
		return;
	}
	if (r->status != BULKHEAD_HW_PASSED && r->status != BULKHEAD_HW_FAILED) {
		item(c, V_SKIP, name, "the driver reports status %u: update this CLI", r->status);
		return;
	}
	switch (r->id) {
	case BULKHEAD_HW_ARM64_NOT_VHE:
		if (r->status == BULKHEAD_HW_PASSED) {
			item(c, V_OK, name, "Linux runs at EL1 (nVHE)");
			return;
		}
		item(c, V_FAIL, name, "Linux runs at EL2 itself (VHE): there is no hyp stub to enter the hypervisor through");
		fix("boot Linux with kvm-arm.mode=nvhe or id_aa64mmfr1.vh=0 on its command line: it then runs at EL1 and leaves its hyp stub at EL2");
		return;
	case BULKHEAD_HW_ARM64_EL2:
		if (r->status == BULKHEAD_HW_PASSED) {
			item(c, V_OK, name, "the CPU implements EL2 (ID_AA64PFR0_EL1.EL2 = %llu)", d);
			return;
		}
		item(c, V_FAIL, name, "the CPU has no EL2 (ID_AA64PFR0_EL1.EL2 = 0): nothing to run a hypervisor at");
		fix("bulkhead needs the virtualization extensions: QEMU: -M virt,virtualization=on; a board: firmware that starts Linux at EL2");
		return;
	case BULKHEAD_HW_ARM64_HYP_STUB:
		if (r->status == BULKHEAD_HW_PASSED) {
			item(c, V_OK, name, "Linux booted at EL2 and its hyp stub holds it: KVM does not");
			return;
		}
		item(c, V_FAIL, name, "EL2 is held by something other than Linux's hyp stub (it answered %#llx to a call the stub does not know)%s",
		     d, access("/sys/class/misc/kvm", F_OK) ? "" :
		     "; KVM is initialised (/sys/class/misc/kvm), and it is what normally holds EL2");
		fix("KVM holds EL2 while its guests run (stop them) and, since Linux 6.12, from boot on: boot with kvm.enable_virt_at_load=0, or with kvm-arm.mode=none to keep KVM away from EL2 for good");
		return;
	case BULKHEAD_HW_ARM64_KVM_HOTPLUG:
		if (r->status == BULKHEAD_HW_PASSED) {
			item(c, V_OK, name, "%s", d & BULKHEAD_HW_KVM_INITIALISED ?
			     "KVM is initialised, and this CPU keeps it across CPU hotplug" :
			     "KVM is not initialised");
			return;
		}
		item(c, V_FAIL, name, "KVM is in use on a CPU where Linux loses it when a CPU goes offline and online, as cells make them (Cortex-A57/A72, kernel with CONFIG_RANDOMIZE_BASE): its next guest would hang that CPU");
		fix("boot Linux with kvm-arm.mode=none (Documentation/status.md, \"KVM in root Linux\")");
		return;
	case BULKHEAD_HW_RISCV_H:
		if (r->status == BULKHEAD_HW_PASSED) {
			item(c, V_OK, name, "the harts have the hypervisor extension");
			return;
		}
		item(c, V_FAIL, name, "the harts have no hypervisor extension (H): nothing to run a hypervisor in");
		fix("bulkhead needs harts with H: QEMU: -cpu rv64,h=true; on hardware, a CPU that implements H and firmware that starts Linux in HS mode");
		return;
	case BULKHEAD_HW_RISCV_NO_KVM:
		if (r->status == BULKHEAD_HW_PASSED) {
			item(c, V_OK, name, "KVM is not loaded");
			return;
		}
		item(c, V_FAIL, name, "KVM is loaded (/sys/class/misc/kvm): a Linux under bulkhead runs in VS mode and cannot use H itself");
		fix("rmmod kvm, and keep it from loading again (blacklist kvm in /etc/modprobe.d), or use a kernel without CONFIG_KVM");
		return;
	case BULKHEAD_HW_RISCV_SSTC:
		if (r->status == BULKHEAD_HW_PASSED) {
			item(c, V_OK, name, "the harts have Sstc: timers without a trap");
			return;
		}
		item(c, V_WARN, name, "the harts have no Sstc: bulkhead runs, but the timers of root and cells go through SBI and the firmware, which is slower");
		fix("nothing needed; QEMU: -cpu rv64,h=true,sstc=true (QEMU 7.2 and later have it by default)");
		return;
	default:
		item(c, V_SKIP, name, "check %u of a newer driver: update this CLI", r->id);
	}
}

static void cpu_items_all(struct hw_ctx *c)
{
	unsigned int i;

	if (c->have_hw && c->hw.enabled) {
		item(c, V_OK, "CPU", "bulkhead is enabled: this machine passed enable's checks (not run again while it runs)");
		return;
	}
	if (c->have_hw) {
		for (i = 0; i < c->hw.num_results && i < BULKHEAD_HW_MAX_RESULTS; i++)
			cpu_result(c, &c->hw.results[i]);
		return;
	}
	for (i = 0; i < NUM_CPU_ITEMS; i++) {
		if (cpu_items[i].arch != c->arch)
			continue;
		if (cpu_items[i].id == BULKHEAD_HW_ARM64_GIC)
			gic_item(c, NULL);
		else
			item(c, V_SKIP, cpu_items[i].name, "unknown: %s", c->no_hw);
	}
}

/* ---- the system config ---- */

static int is_system(const void *data, size_t size)
{
	return size >= BULKHEAD_SIGNATURE_LEN &&
	       !memcmp(data, BULKHEAD_SYSTEM_SIGNATURE, BULKHEAD_SIGNATURE_LEN);
}

/*
 * Whether a system config (not validated yet) is for this machine: its
 * architecture and, on arm64, the GIC the device tree has.
 */
static int fits_machine(const struct hw_ctx *c, const void *data, size_t size)
{
	const struct bulkhead_system *sys = data;
	char why[256];

	if (size < sizeof(*sys) || sys->architecture != c->arch)
		return 0;
	return c->arch != BULKHEAD_ARCH_ARM64 || !c->gic.version ||
	       !bh_gic_config_mismatch(&c->gic, &sys->irqchip, why, sizeof(why));
}

/*
 * The first system config in CONFIG_DIR that fits this machine, else the
 * first system config there, read into c->config_data.
 */
static const char *default_config(struct hw_ctx *c)
{
	size_t i, size;
	int pass;
	glob_t g;
	void *data;

	if (glob(CONFIG_DIR "/*.cell", 0, NULL, &g))
		return NULL;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < g.gl_pathc; i++) {
			data = read_all(g.gl_pathv[i], MAX_FILE, &size);
			if (!data || !is_system(data, size) ||
			    (!pass && !fits_machine(c, data, size))) {
				free(data);
				continue;
			}
			c->config_data = data;
			c->config_size = size;
			snprintf(c->config_found, sizeof(c->config_found), "%s",
				 g.gl_pathv[i]);
			globfree(&g);
			return c->config_found;
		}
	}
	globfree(&g);
	return NULL;
}

static void config_item(struct hw_ctx *c, const char *given)
{
	struct bulkhead_config_error err;
	const struct bulkhead_system *sys;
	char msg[512], size[32];

	if (given) {
		c->config_path = given;
		c->config_data = read_all(given, MAX_FILE, &c->config_size);
		if (!c->config_data) {
			item(c, V_FAIL, "system config", "%s: cannot read: %s", given,
			     strerror(errno));
			fix("give the path of a system config (.cell), e.g. " CONFIG_DIR "/*.cell");
			c->config_bad = 1;
			return;
		}
	} else {
		c->config_path = default_config(c);
		if (!c->config_path) {
			item(c, V_WARN, "system config", "none given, and no system config in %s: the hypervisor memory is not checked",
			     CONFIG_DIR);
			fix("name the system config you will enable with: bulkhead hardware check SYSTEM.cell");
			return;
		}
	}
	if (bulkhead_check_system(c->config_data, c->config_size, &err)) {
		bulkhead_config_error_format(&err, msg, sizeof(msg));
		item(c, V_FAIL, "system config", "%s: %s", c->config_path, msg);
		fix("correct the config (bulkhead config check %s says the same) and build it again",
		    c->config_path);
		c->config_bad = 1;
		return;
	}
	sys = c->config_data;
	if (sys->architecture != c->arch) {
		item(c, V_FAIL, "system config", "%s is for %s, this machine is %s",
		     c->config_path, bulkhead_arch_name(sys->architecture), c->arch_name);
		fix("use a system config for %s", c->arch_name);
		c->config_bad = 1;
		return;
	}
	c->config = sys;
	/* The memory is still worth checking: the config may be all but right. */
	if (c->arch == BULKHEAD_ARCH_ARM64 && c->gic.version &&
	    bh_gic_config_mismatch(&c->gic, &sys->irqchip, msg, sizeof(msg))) {
		item(c, V_FAIL, "system config", "%s: %s", c->config_path, msg);
		if (strncmp(msg, "irqchip.type ", 13))
			fix("correct that field to the device tree's address and build the config again, or write the config with bulkhead config create (Documentation/config-format.md)");
		else
			fix("enable with a system config for this machine: bulkhead config create writes one (Documentation/config-format.md); QEMU virt with gic-version=%d: %s",
			    c->gic.version, c->gic.version == 3 ?
			    CONFIG_DIR "/qemu-virt.cell" : CONFIG_DIR "/qemu-virt-gicv2.cell");
		return;
	}
	item(c, V_OK, "system config", "%s: hypervisor memory %#llx-%#llx (%s)",
	     c->config_path, (unsigned long long)sys->hypervisor_memory.phys_start,
	     (unsigned long long)(sys->hypervisor_memory.phys_start +
				  sys->hypervisor_memory.size - 1),
	     size_str(sys->hypervisor_memory.size, size, sizeof(size)));
}

/* ---- the hypervisor memory ---- */

static void reservation_fix(const struct bh_resv *r, unsigned long long start,
			    unsigned long long size)
{
	char a[64], s[64];

	if (r->have_parent) {
		fix("add this node to /reserved-memory in the device tree Linux boots with (reg in its <%d> address and <%d> size cells):\n"
		    "bulkhead@%llx {\n"
		    "    reg = <%s %s>;\n"
		    "    no-map;\n"
		    "};",
		    r->address_cells, r->size_cells, start,
		    cells(start, r->address_cells, a, sizeof(a)),
		    cells(size, r->size_cells, s, sizeof(s)));
		return;
	}
	fix("add this node to the root of the device tree Linux boots with:\n"
	    "reserved-memory {\n"
	    "    #address-cells = <2>;\n"
	    "    #size-cells = <2>;\n"
	    "    ranges;\n"
	    "    bulkhead@%llx {\n"
	    "        reg = <%s %s>;\n"
	    "        no-map;\n"
	    "    };\n"
	    "};",
	    start, cells(start, 2, a, sizeof(a)), cells(size, 2, s, sizeof(s)));
}

/* Without a config: what the device tree reserves for bulkhead, if anything. */
static void named_reservation_item(struct hw_ctx *c)
{
	unsigned long long last;
	struct bh_resv r;
	char size[32];

	if (c->config_bad) {
		item(c, V_SKIP, "reserved memory", "not checked: needs a valid system config");
		return;
	}
	if (!c->fdt) {
		item(c, V_SKIP, "reserved memory", "unknown: %s", c->no_fdt);
		return;
	}
	bh_fdt_reserved_named(c->fdt, MODULE_NAME, &r);
	last = r.start + r.size - 1;
	switch (r.verdict) {
	case BH_RESV_OK:
		item(c, V_OK, "reserved memory", "%s reserves %#llx-%#llx (%s), no-map",
		     r.path, (unsigned long long)r.start, last,
		     size_str(r.size, size, sizeof(size)));
		return;
	case BH_RESV_MAPPED:
		item(c, V_WARN, "reserved memory", "%s reserves %#llx-%#llx (%s), but without no-map: Linux maps it",
		     r.path, (unsigned long long)r.start, last,
		     size_str(r.size, size, sizeof(size)));
		fix("add the property no-map; to %s", r.path);
		return;
	default:
		item(c, V_WARN, "reserved memory", "no /reserved-memory/%s@... node in the device tree (a system config would tell which memory to look for)",
		     MODULE_NAME);
		fix("reserve the hypervisor memory of your system config with a no-map node in /reserved-memory, then check with the config");
	}
}

static void reservation_item(struct hw_ctx *c, unsigned long long start,
			     unsigned long long size)
{
	unsigned long long last = start + size - 1;
	char a[32], b[32];
	struct bh_resv r;

	if (!c->fdt) {
		item(c, V_SKIP, "reserved memory", "unknown: %s", c->no_fdt);
		return;
	}
	bh_fdt_reservation(c->fdt, start, size, &r);
	switch (r.verdict) {
	case BH_RESV_OK:
		item(c, V_OK, "reserved memory", "%#llx-%#llx lies in %s (%#llx-%#llx, %s), no-map",
		     start, last, r.path, (unsigned long long)r.start,
		     (unsigned long long)(r.start + r.size - 1),
		     size_str(r.size, a, sizeof(a)));
		return;
	case BH_RESV_MAPPED:
		item(c, V_FAIL, "reserved memory", "%s reserves %#llx-%#llx but has no no-map: Linux maps that memory and may hand it out",
		     r.path, start, last);
		fix("add the property no-map; to %s in the device tree", r.path);
		return;
	case BH_RESV_PARTIAL:
		item(c, V_FAIL, "reserved memory", "%s (%#llx-%#llx, %s) covers only part of the hypervisor memory %#llx-%#llx (%s): from %#llx on it is not reserved",
		     r.path, (unsigned long long)r.start,
		     (unsigned long long)(r.start + r.size - 1),
		     size_str(r.size, a, sizeof(a)), start, last,
		     size_str(size, b, sizeof(b)), (unsigned long long)r.uncovered);
		fix("reserve all of %#llx-%#llx: make the reservation at least %s (the reg of %s, or another no-map node for the rest), or shrink the config's hypervisor memory to what is reserved",
		    start, last, b, r.path);
		return;
	case BH_RESV_NONE:
		item(c, V_FAIL, "reserved memory", "%#llx-%#llx (%s) is in no /reserved-memory node of the device tree",
		     start, last, size_str(size, a, sizeof(a)));
		reservation_fix(&r, start, size);
		return;
	default:
		item(c, V_SKIP, "reserved memory", "unknown: %s is not a device tree this CLI can read",
		     FDT_PATH);
	}
}

static void ram_item(struct hw_ctx *c, unsigned long long start,
		     unsigned long long size)
{
	unsigned long long last = start + size - 1;
	uint64_t first_ram, last_ram;
	char *iomem;
	int ret;

	iomem = read_all("/proc/iomem", MAX_FILE, NULL);
	if (!iomem) {
		item(c, V_SKIP, "not System RAM", "unknown: cannot read /proc/iomem: %s",
		     strerror(errno));
		return;
	}
	ret = bh_iomem_ram(iomem, start, size, &first_ram, &last_ram);
	free(iomem);
	if (ret < 0) {
		item(c, V_SKIP, "not System RAM", "unknown: /proc/iomem shows no addresses (it does only to root)");
		return;
	}
	if (!ret) {
		item(c, V_OK, "not System RAM", "Linux does not use %#llx-%#llx (/proc/iomem)",
		     start, last);
		return;
	}
	item(c, V_FAIL, "not System RAM", "%#llx-%#llx overlaps System RAM %#llx-%#llx (/proc/iomem): Linux uses that memory",
	     start, last, (unsigned long long)first_ram, (unsigned long long)last_ram);
	fix("reserve it from Linux with a no-map node in /reserved-memory (as above), or with mem= on Linux's command line, so that its RAM ends below %#llx",
	    start);
}

static void memory_items(struct hw_ctx *c)
{
	if (!c->config) {
		named_reservation_item(c);
		return;
	}
	reservation_item(c, c->config->hypervisor_memory.phys_start,
			 c->config->hypervisor_memory.size);
	ram_item(c, c->config->hypervisor_memory.phys_start,
		 c->config->hypervisor_memory.size);
}

/* ---- the hypervisor image ---- */

/* Where request_firmware looks, in its order; the first found is loaded. */
static int find_image(struct hw_ctx *c, const char *name, char *path, size_t len)
{
	char custom[256] = "", *nl, *param;
	const char *dirs[5];
	int i, n = 0;

	param = read_all("/sys/module/firmware_class/parameters/path", 4096, NULL);
	if (param) {
		snprintf(custom, sizeof(custom), "%s", param);
		nl = strchr(custom, '\n');
		if (nl)
			*nl = '\0';
		free(param);
	}
	if (custom[0])
		dirs[n++] = custom;
	dirs[n++] = "/lib/firmware/updates/%s";
	dirs[n++] = "/lib/firmware/updates";
	dirs[n++] = "/lib/firmware/%s";
	dirs[n++] = "/lib/firmware";
	for (i = 0; i < n; i++) {
		char dir[512];

		if (dirs[i] == custom)
			snprintf(dir, sizeof(dir), "%s", custom);
		else
			snprintf(dir, sizeof(dir), dirs[i], c->uts.release);
		snprintf(path, len, "%s/%s", dir, name);
		if (!access(path, F_OK))
			return 0;
	}
	return -1;
}

static void image_item(struct hw_ctx *c)
{
	struct bh_image_want want = {
		.architecture = c->arch,
		.revision = BULKHEAD_IMAGE_REVISION,
		.config_revision = BULKHEAD_CONFIG_REVISION,
	};
	struct bulkhead_image_header hdr;
	char name[64], path[900], why[256], fits[128] = "";
	char need_s[32], have_s[32];
	uint64_t core_size, need;
	size_t size;
	char *data;

	snprintf(name, sizeof(name), "bulkhead-%s.bin", c->arch_name);
	if (find_image(c, name, path, sizeof(path))) {
		item(c, V_FAIL, "firmware", "no /lib/firmware/%s: the driver has no hypervisor image to load",
		     name);
		fix("install the image: copy hypervisor/%s of the build the module comes from to /lib/firmware/ (make ARCH=%s KDIR=/lib/modules/%s/build install does)",
		    name, c->arch_name, c->uts.release);
		return;
	}
	data = read_all(path, MAX_FILE, &size);
	if (!data) {
		item(c, V_FAIL, "firmware", "%s: cannot read: %s", path, strerror(errno));
		fix("install the image again: copy hypervisor/%s of the build the module comes from to /lib/firmware/",
		    name);
		return;
	}
	if (c->have_hw) {
		want.revision = c->hw.image_revision;
		want.config_revision = c->hw.config_revision;
	}
	if (bh_image_check(data, size, &want, &core_size, why, sizeof(why))) {
		free(data);
		item(c, V_FAIL, "firmware", "%s: %s", path, why);
		fix("install the image of the build the module comes from: copy its hypervisor/%s to /lib/firmware/ (make ARCH=%s KDIR=/lib/modules/%s/build install does, Documentation/install.md)",
		    name, c->arch_name, c->uts.release);
		return;
	}
	memcpy(&hdr, data, sizeof(hdr));
	free(data);
	if (c->config) {
		need = bh_image_memory_need(core_size, c->config_size,
					    sysconf(_SC_PAGESIZE));
		size_str(need, need_s, sizeof(need_s));
		size_str(c->config->hypervisor_memory.size, have_s, sizeof(have_s));
		if (need > c->config->hypervisor_memory.size) {
			item(c, V_FAIL, "firmware", "%s needs %s of hypervisor memory (the image, the config and a 1 MiB page pool), the config gives it %s",
			     path, need_s, have_s);
			fix("make the config's hypervisor memory, and its reservation, at least %s",
			    need_s);
			return;
		}
		snprintf(fits, sizeof(fits), "; with the config it needs %s of the %s hypervisor memory",
			 need_s, have_s);
	}
	item(c, V_OK, "firmware", "%s: image revision %u for %s, config revision %u%s",
	     path, hdr.revision, bulkhead_arch_name(hdr.architecture),
	     hdr.config_revision, fits);
}

/* ---- the command ---- */

static void read_fdt(struct hw_ctx *c)
{
	c->fdt = read_all(FDT_PATH, MAX_FILE, NULL);
	if (c->fdt)
		return;
	if (errno == ENOENT)
		snprintf(c->no_fdt, sizeof(c->no_fdt),
			 "no %s: Linux booted without a device tree (ACPI?)", FDT_PATH);
	else if (errno == EACCES)
		snprintf(c->no_fdt, sizeof(c->no_fdt),
			 "cannot read %s: only root can", FDT_PATH);
	else
		snprintf(c->no_fdt, sizeof(c->no_fdt), "cannot read %s: %s",
			 FDT_PATH, strerror(errno));
}

static int hardware_check(int argc, char **argv)
{
	struct hw_ctx c = { 0 };
	const char *given = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-load"))
			c.no_load = 1;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage:\n");
			bh_print_command_usage(&bh_cmd_hardware, 0);
			return BH_EXIT_OK;
		} else if (argv[i][0] == '-' || given)
			return bh_usage_error(&bh_cmd_hardware,
					      "hardware check: unexpected \"%s\"", argv[i]);
		else
			given = argv[i];
	}
	uname(&c.uts);
	if (!strcmp(c.uts.machine, "aarch64"))
		c.arch = BULKHEAD_ARCH_ARM64;
	else if (!strcmp(c.uts.machine, "riscv64"))
		c.arch = BULKHEAD_ARCH_RISCV64;
	if (!c.arch) {
		printf("bulkhead hardware check: %s, Linux %s\n", c.uts.machine,
		       c.uts.release);
		item(&c, V_FAIL, "machine", "%s: bulkhead runs on arm64 and riscv64",
		     c.uts.machine);
		fix("run bulkhead hardware check on the target machine");
		printf("result: bulkhead cannot run here\n");
		return BH_EXIT_FAIL;
	}
	c.arch_name = bulkhead_arch_name(c.arch);
	printf("bulkhead hardware check: %s, Linux %s\n", c.arch_name, c.uts.release);
	read_fdt(&c);
	if (c.arch == BULKHEAD_ARCH_ARM64 && c.fdt)
		bh_fdt_gic(c.fdt, &c.gic);

	driver_item(&c);
	cpu_items_all(&c);
	config_item(&c, given);
	memory_items(&c);
	image_item(&c);

	free(c.fdt);
	free(c.config_data);
	if (c.count[V_FAIL])
		printf("result: bulkhead cannot run here: %d item(s) failed%s\n",
		       c.count[V_FAIL], c.count[V_SKIP] ? ", others unknown" : "");
	else if (c.count[V_SKIP])
		printf("result: unknown: %d item(s) could not be checked\n", c.count[V_SKIP]);
	else
		printf("result: bulkhead can run here%s\n",
		       c.count[V_WARN] ? " (see the warnings)" : "");
	return c.count[V_FAIL] || c.count[V_SKIP] ? BH_EXIT_FAIL : BH_EXIT_OK;
}

static int hardware_run(int argc, char **argv)
{
	if (argc < 2)
		return bh_usage_error(&bh_cmd_hardware, "hardware: no subcommand given");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		printf("usage:\n");
		bh_print_command_usage(&bh_cmd_hardware, 0);
		return BH_EXIT_OK;
	}
	if (!strcmp(argv[1], "check"))
		return hardware_check(argc - 1, argv + 1);
	return bh_usage_error(&bh_cmd_hardware, "hardware: unknown subcommand \"%s\"",
			      argv[1]);
}
