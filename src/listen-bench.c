/* listen-bench: how fast and how steady the suite is.  Prints figures; it
 * enforces nothing (speed is never a test verdict).
 *
 *   full catalogue   wall time of every case, side by side as make check runs them,
 *                    and where that time went (by area, the slowest cases)
 *   per kind         each kind's depth and relisten cases run one at a time:
 *                    seconds, connections, cost per connection, and the same
 *                    for a bare connect+accept loop measured in this run, and
 *                    the floor those connections set for the full catalogue
 *   big probe        depth.tcp4.INT_MAX in a private namespace at somaxconn 65535
 *   stability        observations that differed across repeated full runs */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "batch.h"
#include "catalogue.h"
#include "platform.h"
#include "sockutil.h"
#include "net.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Connections per chunk and in all for the bare loop. */
#define RAW_CHUNK 1000
#define RAW_TOTAL 20000
/* Cases listed by time after the full run. */
#define SLOWEST 8

/* The bare cost of one loopback connection: socket, connect, accept, and
 * both closes, in chunks that fit the queue.  Seconds per connection, or a
 * negative value when it cannot be measured. */
static double raw_cost(int family, int type, int protocol, long somaxconn)
{
	struct scene s;
	struct sockaddr_storage a;
	socklen_t alen;
	struct obs o;
	int chunk = somaxconn > 0 && somaxconn < RAW_CHUNK ? (int)somaxconn : RAW_CHUNK;
	int *fd = malloc(sizeof *fd * (size_t)chunk), lfd, i, done = 0;
	double t0;

	if (fd == NULL || net_start(NULL, 0) != 0) {
		free(fd);
		return -1;
	}
	scene_init(&s);
	lfd = listening_socket_proto(&s, family, type, protocol, chunk, &a, &alen, &o);
	if (lfd < 0) {
		free(fd);
		scene_close(&s);
		return -1;
	}
	t0 = batch_now();
	while (done < RAW_TOTAL) {
		for (i = 0; i < chunk; i++) {
			fd[i] = net_socket(family, type, protocol);
			set_nonblocking(fd[i], 1);
			if (fd[i] < 0 || (net_connect(fd[i], (struct sockaddr *)&a, alen) != 0 &&
					  errno != EINPROGRESS))
				goto fail;
		}
		for (i = 0; i < chunk; i++) {
			int c = net_accept(lfd, NULL, NULL);
			if (c < 0)
				goto fail;
			/* Closed as the probe closes them: a reset, no TIME_WAIT. */
			if (family != AF_UNIX) {
				sock_reset_on_close(c);
				sock_reset_on_close(fd[i]);
			}
			net_close(c);
			net_close(fd[i]);
		}
		done += chunk;
	}
	free(fd);
	scene_close(&s);
	return (batch_now() - t0) / done;
fail:
	free(fd);
	scene_close(&s);
	return -1;
}

static const struct lc_case **select_cases(const char *prefix, const char *kind, size_t *n)
{
	size_t i, nall;
	const struct lc_case *all = catalogue_all(&nall);
	const struct lc_case **v = calloc(nall, sizeof *v);
	*n = 0;
	for (i = 0; v != NULL && i < nall; i++) {
		if (prefix != NULL && strncmp(all[i].id, prefix, strlen(prefix)) != 0)
			continue;
		if (kind != NULL && (all[i].kind == NULL || strcmp(all[i].kind, kind) != 0 ||
				     all[i].observer == &observe_limit ||
				     (strncmp(all[i].id, "depth.", 6) != 0 &&
				      strncmp(all[i].id, "relisten.", 9) != 0)))
			continue;
		v[(*n)++] = &all[i];
	}
	return v;
}

/* Also prints the floor: what the depth and relisten cases' connections
 * cost at the bare rate, spread over jobs CPUs.  No probe that makes those
 * connections runs the catalogue faster on this machine. */
static void per_kind(const struct platform *p, int jobs)
{
	size_t k, i, n, nkinds;
	const struct lc_kind *kinds = catalogue_kinds(&nkinds);
	double floor_s = 0;
	long floor_conns = 0;

	printf("\nper kind: depth and relisten cases one at a time\n");
	printf("  %-15s %5s %11s %8s %9s %13s %6s\n", "kind", "cases", "connections", "seconds",
	       "us/conn", "bare us/conn", "ratio");
	for (k = 0; k < nkinds; k++) {
		const struct lc_case **v = select_cases(NULL, kinds[k].name, &n);
		struct batch_result *r = calloc(n ? n : 1, sizeof *r);
		double secs = 0, raw;
		long conns = 0;
		if (v == NULL || r == NULL)
			exit(2);
		batch_run(v, n, 1, r);
		for (i = 0; i < n; i++) {
			char *end;
			long d = strtol(r[i].obs.token, &end, 10);
			secs += r[i].seconds;
			/* the connections that got in, and the one refused */
			if (end != r[i].obs.token && *end == '\0')
				conns += d + 1;
			else if (strncmp(r[i].obs.token, "ok,", 3) == 0)
				conns += 5;
		}
		raw = raw_cost(kinds[k].family, kinds[k].type, kinds[k].protocol, p->somaxconn);
		if (raw > 0 && conns > 0) {
			floor_s += raw * (double)conns;
			floor_conns += conns;
			printf("  %-15s %5zu %11ld %8.3f %9.1f %13.1f %6.2f\n", kinds[k].name, n, conns,
			       secs, 1e6 * secs / (double)conns, 1e6 * raw,
			       secs / (double)conns / raw);
		} else
			printf("  %-15s %5zu %11ld %8.3f   (bare loop could not run here)\n",
			       kinds[k].name, n, conns, secs);
		free(v);
		free(r);
	}
	printf("  target: ratio <= 1.5 (probe cost against the bare connect+accept cost)\n");
	printf("  floor: these %ld connections at the bare cost, on %d CPUs: %.2f s (no probe that\n"
	       "  makes them runs the full catalogue faster here)\n", floor_conns, jobs,
	       floor_s / (jobs > 0 ? jobs : 1));
}

static void big_probe(void)
{
	size_t n;
	const struct lc_case **v = select_cases("depth.tcp4.INT_MAX", NULL, &n);
	struct batch_result r;
	struct platform p;
	char why[256];
	double t0 = batch_now();
	int rc = batch_run_netns(65535, v, 1, 1, &r, &p, why, sizeof why);
	double t = batch_now() - t0;

	if (rc != 0)
		printf("\nbig probe: skipped: %s\n", why);
	else
		printf("\nbig probe: depth.tcp4.INT_MAX at somaxconn 65535 = %s in %.2f s "
		       "(%.2f s in the probe; target <= 5 s)\n  %s\n", r.obs.token, t, r.seconds,
		       r.obs.note);
	free(v);
}

/* Where the time of a full run went: the sum of the cases' own times, by
 * area (the case id up to its first dot), and the slowest cases. */
static void slowest(const struct lc_case **v, const struct batch_result *r, size_t n)
{
	char *shown = calloc(n, 1);
	size_t i, j, k;
	double sum = 0;
	int col = 0;
	if (shown == NULL)
		return;
	for (i = 0; i < n; i++)
		sum += r[i].seconds;
	printf("  the cases' own times add up to %.2f s; by area:\n   ", sum);
	for (i = 0; i < n; i++) {
		size_t len = strcspn(v[i]->id, ".");
		double a = 0;
		if (shown[i])
			continue;
		for (j = i; j < n; j++) {
			if (strncmp(v[j]->id, v[i]->id, len + 1) == 0) {
				a += r[j].seconds;
				shown[j] = 1;
			}
		}
		if (col + (int)len + 10 > 76) {
			printf("\n   ");
			col = 0;
		}
		col += printf(" %.*s %.2f s", (int)len, v[i]->id, a);
	}
	printf("\n  the slowest cases:\n");
	memset(shown, 0, n);
	for (k = 0; k < SLOWEST && k < n; k++) {
		size_t best = n;
		for (i = 0; i < n; i++)
			if (!shown[i] && (best == n || r[i].seconds > r[best].seconds))
				best = i;
		shown[best] = 1;
		printf("    %6.3f s  %s\n", r[best].seconds, v[best]->id);
	}
	free(shown);
}

static long stability(int runs, int jobs)
{
	size_t n, i;
	const struct lc_case **v = select_cases("", NULL, &n);
	struct batch_result *first = calloc(n, sizeof *first), *r = calloc(n, sizeof *r);
	long differing = 0;
	double total = 0;
	int k;

	if (v == NULL || first == NULL || r == NULL)
		exit(2);
	for (k = 0; k < runs; k++) {
		double t0 = batch_now();
		batch_run(v, n, jobs, k == 0 ? first : r);
		total += batch_now() - t0;
		if (k == 0)
			continue;
		for (i = 0; i < n; i++) {
			if (strcmp(first[i].obs.token, r[i].obs.token) != 0) {
				differing++;
				printf("  run %d: %s was %s, now %s\n", k + 1, v[i]->id, first[i].obs.token,
				       r[i].obs.token);
			}
		}
	}
	printf("\nstability: %d full runs of %zu cases, %ld differing observations "
	       "(target 0); %.2f s per run on average\n", runs, n, differing, total / runs);
	free(v);
	free(first);
	free(r);
	return differing;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"runs", required_argument, NULL, 'r'},
		{"jobs", required_argument, NULL, 'j'},
		{"stability", no_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int runs = 20, jobs = batch_default_jobs(), ch, only_stability = 0;
	struct platform p;
	struct batch_result *r;
	const struct lc_case **v;
	size_t n;
	double t0, wall;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;
		switch (ch) {
		case 'r':
			runs = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || runs < 1 || runs > 10000) {
				fprintf(stderr, "listen-bench: --runs takes 1 to 10000\n");
				return 2;
			}
			break;
		case 'j':
			jobs = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || jobs < 1 || jobs > 32) {
				fprintf(stderr, "listen-bench: --jobs takes 1 to 32\n");
				return 2;
			}
			break;
		case 's':
			only_stability = 1;
			break;
		case 'h':
			printf("usage: listen-bench [--runs N] [--jobs N] [--stability]\n"
			       "--stability: only the repeated full runs; exit status 1 when an\n"
			       "observation differed between them\n");
			return 0;
		default:
			return 2;
		}
	}
	lc_cleanup_on_signals();
	platform_raise_nofile();
	platform_probe(&p);
	printf("listen-bench: %s %s %s, somaxconn %ld, %d jobs\n", p.os, p.release, p.machine,
	       p.somaxconn, jobs);
	if (only_stability)
		return stability(runs, jobs) == 0 ? 0 : 1;

	v = select_cases("", NULL, &n);
	r = calloc(n, sizeof *r);
	if (v == NULL || r == NULL)
		return 2;
	t0 = batch_now();
	batch_run(v, n, jobs, r);
	wall = batch_now() - t0;
	printf("\nfull catalogue: %zu cases in %.2f s wall (target < 3 s at somaxconn 4096)\n", n,
	       wall);
	slowest(v, r, n);
	free(v);
	free(r);

	per_kind(&p, jobs);
	big_probe();
	stability(runs, jobs);
	return 0;
}
