// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * kvm-mmio CPU [HOLD]: one KVM vCPU doing one MMIO write, run on the given
 * CPU; exit status 0 and "MMIO exit ok" when KVM works there. Root Linux
 * must keep KVM across enable, cells, hotplug and disable:
 * tests/system/34-kvm.sh runs it on every CPU (tests/system/prepare builds
 * it into the machine). With HOLD, the VM lives HOLD seconds more, and
 * KVM holds EL2 meanwhile.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/kvm.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int cpu = argc > 1 ? atoi(argv[1]) : 0, kvm, vm, vcpu, size;
	int hold = argc > 2 ? atoi(argv[2]) : 0;
	struct kvm_userspace_memory_region region = { 0 };
	struct kvm_vcpu_init init;
	struct kvm_run *run;
	cpu_set_t set;
	uint32_t *code;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) { perror("affinity"); return 1; }
	kvm = open("/dev/kvm", O_RDWR);
	if (kvm < 0) { perror("/dev/kvm"); return 1; }
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) { perror("KVM_CREATE_VM"); return 1; }
	code = mmap(NULL, 0x10000, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	code[0] = 0xd2a20001;	/* movz x1, #0x1000, lsl #16 */
	code[1] = 0xd2800840;	/* movz x0, #0x42 */
	code[2] = 0xf9000020;	/* str x0, [x1] */
	code[3] = 0x14000000;	/* b . */
	region.memory_size = 0x10000;
	region.userspace_addr = (uintptr_t)code;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region)) { perror("memory"); return 1; }
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0) { perror("KVM_CREATE_VCPU"); return 1; }
	if (ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init) || ioctl(vcpu, KVM_ARM_VCPU_INIT, &init)) {
		perror("vcpu init"); return 1;
	}
	size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (ioctl(vcpu, KVM_RUN, 0)) { perror("KVM_RUN"); return 1; }
	if (run->exit_reason == KVM_EXIT_MMIO && run->mmio.is_write &&
	    run->mmio.phys_addr == 0x10000000 && run->mmio.data[0] == 0x42) {
		printf("kvm-mmio: CPU %d: MMIO exit ok\n", cpu);
		fflush(stdout);
		sleep(hold);
		return 0;
	}
	printf("kvm-mmio: CPU %d: exit reason %u\n", cpu, run->exit_reason);
	return 1;
}
