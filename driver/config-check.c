// SPDX-License-Identifier: GPL-2.0
/*
 * The one config validator, shared with the hypervisor and the CLI, built
 * into the module.
 */
#include "../common/config-check.c"
