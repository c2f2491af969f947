// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <inmate/cmdline.h>
#include <inmate/string.h>
#include <asm/layout.h>

/* The linker script's INMATE_CMDLINE_SIZE bytes at INMATE_CMDLINE_OFFSET. */
extern char inmate_cmdline[];

const char *cmdline(void)
{
	/* A string of exactly the buffer's size would have no end. */
	inmate_cmdline[INMATE_CMDLINE_SIZE - 1] = 0;
	return inmate_cmdline;
}

static int digit(char c, unsigned int base)
{
	unsigned int d;

	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return d < base ? (int)d : -1;
}

static bool parse_u64(const char *s, u64 *val)
{
	unsigned int base = 10;
	u64 v = 0;
	int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (digit(*s, base) < 0)
		return false;
	while ((d = digit(*s, base)) >= 0) {
		v = v * base + d;
		s++;
	}
	if (*s && *s != ' ')
		return false;
	*val = v;
	return true;
}

/* The word starting with name followed by end (0: the word's end), or NULL. */
static const char *find_word(const char *name, char end)
{
	const char *s = cmdline();
	size_t len = strlen(name);

	while (*s) {
		while (*s == ' ')
			s++;
		if (!memcmp(s, name, len) &&
		    (end ? s[len] == end : (!s[len] || s[len] == ' ')))
			return s;
		while (*s && *s != ' ')
			s++;
	}
	return NULL;
}

u64 cmdline_u64(const char *name, u64 def)
{
	const char *word = find_word(name, '=');
	u64 val;

	if (word && parse_u64(word + strlen(name) + 1, &val))
		return val;
	return def;
}

bool cmdline_has(const char *word)
{
	return find_word(word, 0) != NULL;
}
