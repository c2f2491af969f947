// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <asm/sbi.h>

/*
 * SBI preserves every register but a0 and a1; a2..a7 are treated as
 * clobbered anyway, as the hypervisor's preservation is not written down.
 */
struct sbiret sbi_call(unsigned long ext, unsigned long fid,
		       unsigned long arg0, unsigned long arg1,
		       unsigned long arg2)
{
	register unsigned long a0 asm("a0") = arg0;
	register unsigned long a1 asm("a1") = arg1;
	register unsigned long a2 asm("a2") = arg2;
	register unsigned long a6 asm("a6") = fid;
	register unsigned long a7 asm("a7") = ext;

	asm volatile("ecall"
		     : "+r" (a0), "+r" (a1), "+r" (a2), "+r" (a6), "+r" (a7)
		     : : "a3", "a4", "a5", "memory");
	return (struct sbiret){ .error = a0, .value = a1 };
}

long sbi_spec_version(void)
{
	return sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0).value;
}

long sbi_probe_extension(unsigned long ext)
{
	struct sbiret ret = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION,
				     ext, 0, 0);

	return ret.error ? 0 : ret.value;
}

long sbi_set_timer(u64 stime)
{
	return sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, stime, 0, 0).error;
}

long sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_call(SBI_EXT_IPI, SBI_IPI_SEND_IPI, hart_mask,
			hart_mask_base, 0).error;
}

long sbi_remote_fence_i(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_FENCE_I, hart_mask,
			hart_mask_base, 0).error;
}

long sbi_hart_start(u64 hartid, unsigned long start, unsigned long opaque)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, start,
			opaque).error;
}

long sbi_hart_stop(void)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0).error;
}

struct sbiret sbi_hart_get_status(u64 hartid)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hartid, 0, 0);
}

long sbi_system_reset(unsigned long type, unsigned long reason)
{
	return sbi_call(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, type, reason,
			0).error;
}

void sbi_legacy_putchar(char c)
{
	sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)c, 0, 0);
}
