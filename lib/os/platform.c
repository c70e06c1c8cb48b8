/* platform.c: probing the facts a record header shows (see platform.h). */
#define _POSIX_C_SOURCE 200809L
#include "platform.h"
#include "net.h"
#include "sysdep.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/utsname.h>

static long rlim_to_long(rlim_t r)
{
	if (r == RLIM_INFINITY || r > (rlim_t)LONG_MAX)
		return -1;
	return (long)r;
}

/* The most descriptors a privileged process may ask for. */
#define NOFILE_WANTED ((rlim_t)1 << 20)

void platform_raise_nofile(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return;
	/* With privilege the hard limit can rise too (Linux caps it at
	 * fs.nr_open; EPERM without CAP_SYS_RESOURCE, which is fine). */
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < NOFILE_WANTED) {
		struct rlimit more = rl;
		long nr_open = sysdep_proc_sys_int("fs/nr_open");
		more.rlim_max = NOFILE_WANTED;
		if (nr_open > 0 && (rlim_t)nr_open < more.rlim_max)
			more.rlim_max = (rlim_t)nr_open;
		more.rlim_cur = more.rlim_max;
		if (more.rlim_max > rl.rlim_max && setrlimit(RLIMIT_NOFILE, &more) == 0)
			return;
	}
	if (rl.rlim_cur == rl.rlim_max)
		return;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
		return;
	/* macOS refuses an unlimited soft limit: ask for a finite one. */
	rl.rlim_cur = NOFILE_WANTED;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
		rl.rlim_cur = 10240;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

void platform_probe(struct platform *p)
{
	struct utsname u;
	struct rlimit rl;
	const char *forced = getenv("LISTEN_PLATFORM");

	memset(p, 0, sizeof *p);
	if (uname(&u) == 0) {
		snprintf(p->os, sizeof p->os, "%s", u.sysname);
		snprintf(p->release, sizeof p->release, "%s", u.release);
		snprintf(p->machine, sizeof p->machine, "%s", u.machine);
	} else {
		snprintf(p->os, sizeof p->os, "unknown");
	}
	if (forced != NULL && forced[0] != '\0') {
		snprintf(p->name, sizeof p->name, "%s", forced);
	} else if (strcmp(net_stack_name(), "system") != 0) {
		/* A stack in a library is the platform under test. */
		snprintf(p->name, sizeof p->name, "%s", net_stack_name());
	} else {
		size_t i;
		snprintf(p->name, sizeof p->name, "%s", p->os);
		for (i = 0; p->name[i] != '\0'; i++)
			p->name[i] = (char)tolower((unsigned char)p->name[i]);
	}
	sysdep_libc(p->libc, sizeof p->libc);
	p->somaxconn = sysdep_somaxconn(p->somaxconn_source, sizeof p->somaxconn_source);
	p->somaxconn_macro = SOMAXCONN;
	p->nofile_soft = p->nofile_hard = -1;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		p->nofile_soft = rlim_to_long(rl.rlim_cur);
		p->nofile_hard = rlim_to_long(rl.rlim_max);
	}
	p->tcp_syncookies = sysdep_proc_sys_int("net/ipv4/tcp_syncookies");
	p->tcp_abort_on_overflow = sysdep_proc_sys_int("net/ipv4/tcp_abort_on_overflow");
	{
		struct sysdep_setting v[sizeof p->settings / sizeof p->settings[0]];
		int i, n = sysdep_queue_settings(v, (int)(sizeof v / sizeof v[0]));
		for (i = 0; i < n; i++) {
			snprintf(p->settings[i].name, sizeof p->settings[i].name, "%.47s", v[i].name);
			p->settings[i].value = v[i].value;
		}
		p->nsettings = n;
	}
}

int platform_fact(const struct platform *p, const char *name, long long *v)
{
	if (strcmp(name, "somaxconn") == 0) {
		if (p->somaxconn < 0)
			return -1;
		*v = p->somaxconn;
	} else if (strcmp(name, "SOMAXCONN") == 0) {
		if (p->somaxconn_macro < 0)
			return -1;
		*v = p->somaxconn_macro;
	} else if (strcmp(name, "nofile") == 0) {
		if (p->nofile_soft < 0)
			return -1;
		*v = p->nofile_soft;
	} else if (strcmp(name, "INT_MAX") == 0) {
		*v = INT_MAX;
	} else if (strcmp(name, "INT_MIN") == 0) {
		*v = INT_MIN;
	} else if (strcmp(name, "UINT_MAX") == 0) {
		*v = UINT_MAX;
	} else {
		return -1;
	}
	return 0;
}

int platform_fact_is_name(const char *name)
{
	static const char *const names[] = {"somaxconn", "SOMAXCONN", "nofile", "INT_MAX",
					    "INT_MIN", "UINT_MAX"};
	size_t i;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

int platform_expr_lookup(void *ctx, const char *name, long long *v)
{
	return platform_fact(ctx, name, v);
}

void platform_kernel_version(const struct platform *p, int v[3])
{
	const char *s = p->release;
	int i;
	for (i = 0; i < 3; i++) {
		v[i] = 0;
		if (!isdigit((unsigned char)*s))
			continue;
		v[i] = (int)strtol(s, (char **)&s, 10);
		if (*s == '.')
			s++;
	}
}

static void print_long(FILE *out, const char *key, long v)
{
	if (v < 0)
		fprintf(out, "# %s: unknown\n", key);
	else
		fprintf(out, "# %s: %ld\n", key, v);
}

void platform_print_header(FILE *out, const struct platform *p, const char *name)
{
	int i;
	fprintf(out, "# listen-conformance record: 1\n");
	if (name != NULL && name[0] != '\0')
		fprintf(out, "# name: %s\n", name);
	fprintf(out, "# platform: %s\n", p->name);
	fprintf(out, "# os: %s\n", p->os);
	fprintf(out, "# release: %s\n", p->release);
	fprintf(out, "# machine: %s\n", p->machine);
	fprintf(out, "# libc: %s\n", p->libc);
	print_long(out, "somaxconn", p->somaxconn);
	fprintf(out, "# somaxconn-source: %s\n", p->somaxconn_source);
	fprintf(out, "# SOMAXCONN: %ld\n", p->somaxconn_macro);
	if (p->nofile_soft < 0)
		fprintf(out, "# RLIMIT_NOFILE: unlimited\n");
	else if (p->nofile_hard < 0)
		fprintf(out, "# RLIMIT_NOFILE: %ld/unlimited\n", p->nofile_soft);
	else
		fprintf(out, "# RLIMIT_NOFILE: %ld/%ld\n", p->nofile_soft, p->nofile_hard);
	if (p->tcp_syncookies >= 0)
		fprintf(out, "# tcp_syncookies: %ld\n", p->tcp_syncookies);
	if (p->tcp_abort_on_overflow >= 0)
		fprintf(out, "# tcp_abort_on_overflow: %ld\n", p->tcp_abort_on_overflow);
	for (i = 0; i < p->nsettings; i++)
		fprintf(out, "# %s: %ld\n", p->settings[i].name, p->settings[i].value);
	fprintf(out, "# network-namespace: %s\n", p->private_netns ? "private" : "host");
}
