# bulkhead top-level build.
#
#   make [ARCH=arm64|riscv64] [KERNEL=6.12|6.1] [KDIR=...]   build everything
#        (KERNEL=debian-6.1, arm64: Debian 12's own kernel, see ci/kernel)
#   make check                                             host + system tests
#   make stress [STRESS=20]                                long runs of the stress tests
#   make demo                                              install, build, boot the arm64 demo
#   make install [DESTDIR=...] [KDIR=...]                  install for the machine it runs on
#
# Products (per architecture, so both can be built in one tree):
#   driver/bulkhead.ko                the module, against KDIR
#   hypervisor/bulkhead-$(ARCH).bin   the hypervisor image
#   configs/$(ARCH)/*.cell            compiled configs
#   tools/build-$(ARCH)/bulkhead      the CLI for the target
#   tools/bulkhead                    the CLI for this host (offline commands)
#   inmates/build-$(ARCH)/*.bin       bare-metal inmates

ARCH ?= arm64
KERNEL ?= 6.12

ifeq ($(ARCH),arm64)
CROSS_COMPILE ?= aarch64-linux-gnu-
KERNEL_ARCH := arm64
else ifeq ($(ARCH),riscv64)
CROSS_COMPILE ?= riscv64-linux-gnu-
KERNEL_ARCH := riscv
else
$(error ARCH must be arm64 or riscv64, not "$(ARCH)")
endif

BULKHEAD_CACHE ?= $(HOME)/.cache/bulkhead
export BULKHEAD_CACHE

# The default kernel tree is the test kernel ci/ builds, built first if missing
# (for KERNEL=debian-6.1, Debian's kernel fetched and prepared by ci/kernel).
# Only evaluated when the module is built, and then once.
ifeq ($(origin KDIR),undefined)
KDIR = $(eval KDIR := $(shell ci/kernel $(ARCH) $(KERNEL)))$(KDIR)
endif

SUBMAKE := $(MAKE) --no-print-directory ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE)

.PHONY: all module hypervisor configs tools host-tools inmates check unit-check \
	system-check stress demo bench deps install clean

all: module hypervisor configs tools host-tools inmates

# driver/ holds the module last built; a copy per architecture and kernel
# stays in build/ for ci/vm, so building for one never spoils another.
module:
	@test -d "$(KDIR)" || { echo "error: no kernel tree (KDIR='$(KDIR)'); set KDIR=/path/to/linux/build" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR)/driver ARCH=$(KERNEL_ARCH) \
		CROSS_COMPILE=$(CROSS_COMPILE) W=1 modules
	@mkdir -p build/$(ARCH)/linux-$(KERNEL)
	@cp driver/bulkhead.ko build/$(ARCH)/linux-$(KERNEL)/bulkhead.ko

hypervisor:
	$(SUBMAKE) -C hypervisor

configs:
	$(SUBMAKE) -C configs

tools:
	$(SUBMAKE) -C tools target

host-tools:
	$(MAKE) --no-print-directory -C tools host

inmates:
	$(SUBMAKE) -C inmates

# Everything a machine running bulkhead needs, under DESTDIR (empty: this
# machine; then depmod runs). The module goes where its own vermagic says,
# so it matches KDIR whatever the build host runs.
PREFIX ?= /usr
install: all
	@release=$$(modinfo -F vermagic driver/bulkhead.ko | cut -d' ' -f1) && \
	test -n "$$release" && \
	install -D -m 644 driver/bulkhead.ko $(DESTDIR)/lib/modules/$$release/extra/bulkhead.ko && \
	install -D -m 644 hypervisor/bulkhead-$(ARCH).bin $(DESTDIR)/lib/firmware/bulkhead-$(ARCH).bin && \
	install -D -m 755 tools/build-$(ARCH)/bulkhead $(DESTDIR)$(PREFIX)/sbin/bulkhead && \
	install -d $(DESTDIR)/etc/bulkhead $(DESTDIR)$(PREFIX)/lib/bulkhead/inmates && \
	install -m 644 configs/$(ARCH)/*.cell $(DESTDIR)/etc/bulkhead/ && \
	for f in inmates/build-$(ARCH)/*.bin; do \
		if [ -e "$$f" ]; then install -m 644 "$$f" $(DESTDIR)$(PREFIX)/lib/bulkhead/inmates/; fi; \
	done && \
	if [ -z "$(DESTDIR)" ]; then depmod "$$release"; fi && \
	echo "installed bulkhead for $(ARCH), Linux $$release, under $(or $(DESTDIR),/)"

# Host unit tests, then every system test on both architectures and kernels.
check:
	@python3 tests/run

unit-check:
	@python3 tests/run --unit-only

# The stress tests with many rounds (make check runs a few): STRESS rounds
# of each, in real time and under deterministic virtual time.
STRESS ?= 20
stress:
	@python3 tests/run --system-only --stress $(STRESS) stress

deps:
	@ci/install-deps

demo: deps
	@ci/demo $(ARCH)

# Performance figures, each against its limit (no pass/fail: emulated
# machines are noisy). Both arches unless ARCH is given.
bench:
	@ci/bench $(if $(filter command line environment,$(origin ARCH)),$(ARCH))

# Every fuzzer in longer rounds than make check's, with fresh seeds: the
# host's libFuzzer targets (HOST_TIME=N seconds each, default 60), then on
# both arches and kernels unless ARCH is given the root side (40-fuzz-root)
# and the cell side (41-fuzz-cell): SEED=N replays a seed, SCALE=N sets the
# length (default 10 times make check's). Documentation/testing.md, "Fuzzing".
.PHONY: fuzz
fuzz:
	@SEED=$(SEED) SCALE=$(SCALE) KERNELS="$(KERNELS)" HOST_TIME=$(HOST_TIME) \
		SIDES="$(SIDES)" tests/system/fuzz-rounds \
		$(if $(filter command line environment,$(origin ARCH)),$(ARCH))

clean:
	rm -rf driver/*.o driver/*.ko driver/*.mod* driver/.*.cmd driver/modules.order \
		driver/Module.symvers
	$(MAKE) -C hypervisor clean-all
	$(MAKE) -C configs clean-all
	$(MAKE) -C tools clean
	$(MAKE) -C inmates clean-all
	rm -rf build
