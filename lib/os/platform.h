/* platform.h: the facts about this system that a record's header shows and
 * that expectation expressions may use (somaxconn, SOMAXCONN, ...). */
#ifndef LC_PLATFORM_H
#define LC_PLATFORM_H

#include <stdio.h>

struct platform {
	char name[72];      /* expectation-file name: linux, freebsd, darwin, ... */
	char os[72];        /* uname sysname */
	char release[72];  /* uname release */
	char machine[72];   /* uname machine */
	char libc[64];
	long somaxconn;     /* runtime limit; -1 when unknown */
	char somaxconn_source[64];
	long somaxconn_macro; /* SOMAXCONN from <sys/socket.h> */
	long nofile_soft;   /* RLIMIT_NOFILE; -1 for unlimited */
	long nofile_hard;
	long tcp_syncookies;        /* Linux only; -1 elsewhere */
	long tcp_abort_on_overflow; /* Linux only; -1 elsewhere */
	int private_netns;  /* 1 when the record was made in a private namespace */
	/* Other settings that change the queue rule (sysdep_queue_settings);
	 * written into the header, not read back. */
	int nsettings;
	struct {
		char name[48];
		long value;
	} settings[4];
};

/* Fills p from this system.  The platform name is uname's sysname in lower
 * case unless LISTEN_PLATFORM is set in the environment. */
void platform_probe(struct platform *p);

/* Raises the soft RLIMIT_NOFILE to the hard limit. */
void platform_raise_nofile(void);

/* The value of a run-time fact by name, for expectation expressions.
 * Returns 0 and sets *v, or -1 for an unknown name or an unknown value
 * (a negative somaxconn, SOMAXCONN or nofile stands for unknown). */
int platform_fact(const struct platform *p, const char *name, long long *v);

/* Is name a fact platform_fact() knows (whether or not its value is)? */
int platform_fact_is_name(const char *name);

/* platform_fact() in the shape expr_eval() wants (ctx is the platform). */
int platform_expr_lookup(void *ctx, const char *name, long long *v);

/* The kernel release as numbers: "6.18.44-foo" gives 6, 18, 44. */
void platform_kernel_version(const struct platform *p, int v[3]);

/* Writes the record header: lines "# key: value"; name (may be NULL) labels
 * the record in comparisons. */
void platform_print_header(FILE *out, const struct platform *p, const char *name);

#endif
