/* batch.c: parallel and namespaced runs of many cases (see batch.h). */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"
#include "net.h"
#include "sockutil.h"
#include "sysdep.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_JOBS 32
/* A case that waits at least WAITER_MS may run on a worker beyond one per
 * CPU, up to MAX_WAITERS of them (batch_run). */
#define WAITER_MS 100
#define MAX_WAITERS 8

struct msg {
	int worker;
	int index;
	struct batch_result r;
};

static batch_progress_fn progress_fn;
static void *progress_ctx;

void batch_set_progress(batch_progress_fn fn, void *ctx)
{
	progress_fn = fn;
	progress_ctx = ctx;
}

static void progress(size_t done, size_t n, const struct lc_case *running)
{
	if (progress_fn != NULL)
		progress_fn(progress_ctx, done, n, running);
}

int batch_default_jobs(void)
{
#ifdef _SC_NPROCESSORS_ONLN
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n > 0)
		return n > MAX_JOBS ? MAX_JOBS : (int)n;
#endif
	return 1;
}

double batch_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run_one(const struct lc_case *c, struct batch_result *r)
{
	int before = count_open_fds();
	double t0 = batch_now();
	catalogue_run(c, &r->obs);
	r->seconds = batch_now() - t0;
	r->leaked = count_open_fds() - before;
}

static void worker(int id, int tasks, int results, const struct lc_case *const *cases)
{
	int index;
	while (fd_read_full(tasks, &index, sizeof index) == 0) {
		struct msg m;
		memset(&m, 0, sizeof m);
		m.worker = id;
		m.index = index;
		run_one(cases[index], &m.r);
		/* One message is smaller than PIPE_BUF: workers never interleave. */
		if (fd_write_full(results, &m, sizeof m) != 0)
			break;
	}
	lc_tmpdir_remove();
	_exit(0);
}

/* Longest first, so that the last case to finish is a short one. */
static size_t *schedule(const struct lc_case *const *cases, size_t n)
{
	size_t *order = malloc(n * sizeof *order), i, k;
	long *cost = malloc(n * sizeof *cost), somaxconn;
	char src[64];
	if (order == NULL || cost == NULL) {
		free(order);
		free(cost);
		return NULL;
	}
	somaxconn = sysdep_somaxconn(src, sizeof src);
	for (i = 0; i < n; i++) {
		cost[i] = catalogue_cost(cases[i], somaxconn);
		for (k = i; k > 0 && cost[order[k - 1]] < cost[i]; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	free(cost);
	return order;
}

/* Reports progress naming the case that has run longest: the one the run
 * waits for. */
static void progress_longest(const int *current, const size_t *started, int jobs,
			     const struct lc_case *const *cases, size_t done, size_t n)
{
	int w, oldest = -1;
	if (progress_fn == NULL)
		return;
	for (w = 0; w < jobs; w++)
		if (current[w] >= 0 && (oldest < 0 || started[w] < started[oldest]))
			oldest = w;
	progress(done, n, oldest >= 0 ? cases[current[oldest]] : NULL);
}

/* The next case for a worker, in the order of the schedule, that nobody
 * took yet; only a waiting one when waiters_only.  -1: none left. */
static int pick(const size_t *order, size_t n, char *taken, int waiters_only,
		const struct lc_case *const *cases)
{
	size_t k;
	for (k = 0; k < n; k++) {
		size_t idx = order[k];
		if (taken[idx] || (waiters_only && catalogue_wait_ms(cases[idx]) < WAITER_MS))
			continue;
		taken[idx] = 1;
		return (int)idx;
	}
	return -1;
}

int batch_run(const struct lc_case *const *cases, size_t n, int jobs, struct batch_result *res)
{
	int task[MAX_JOBS], results[2], w, cpu_jobs;
	pid_t pid[MAX_JOBS], self;
	size_t *order, next = 0, done = 0, i;
	char *taken;
	/* For the progress report: which case each worker runs (-1: none),
	 * and when it was handed out (the order it was started in). */
	int current[MAX_JOBS];
	size_t started[MAX_JOBS];

	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if ((size_t)jobs > n)
		jobs = (int)n;
	if (jobs <= 1) {
		for (i = 0; i < n; i++) {
			progress(i, n, cases[i]);
			run_one(cases[i], &res[i]);
		}
		progress(n, n, NULL);
		return 0;
	}
	/* Cases that mostly wait (a timeout, a retransmission) would hold a
	 * CPU's worker idle: they run on workers of their own beyond one per
	 * CPU (at most MAX_WAITERS), which take only such cases and then
	 * stop; the first jobs workers take everything else (and waiting
	 * cases too, once they are free). */
	cpu_jobs = jobs;
	for (i = 0; i < n && jobs - cpu_jobs < MAX_WAITERS && jobs < MAX_JOBS; i++)
		if (catalogue_wait_ms(cases[i]) >= WAITER_MS)
			jobs++;
	{
		/* Made before the workers fork, so they share it and this
		 * process removes it. */
		char why[200];
		(void)lc_tmpdir(why, sizeof why);
	}
	order = schedule(cases, n);
	taken = calloc(n, 1);
	if (order == NULL || taken == NULL || pipe(results) != 0) {
		free(order);
		free(taken);
		return -1;
	}
	fflush(NULL);
	self = getpid();
	for (w = 0; w < jobs; w++) {
		int t[2];
		if (pipe(t) != 0)
			break;
		pid[w] = fork();
		if (pid[w] == 0) {
			int k;
			sysdep_die_with_parent(self);
			free(order); /* the parent's schedule, not needed here */
			free(taken);
			close(t[1]);
			close(results[0]);
			for (k = 0; k < w; k++)
				close(task[k]);
			worker(w, t[0], results[1], cases);
		}
		close(t[0]);
		if (pid[w] < 0) {
			close(t[1]);
			break;
		}
		task[w] = t[1];
	}
	close(results[1]);
	jobs = w;
	/* The waiting cases go out first, to the extra workers. */
	for (w = jobs - 1; w >= 0; w--) {
		int idx = pick(order, n, taken, w >= cpu_jobs, cases);
		current[w] = idx;
		if (idx >= 0) {
			started[w] = next++;
			fd_write_full(task[w], &idx, sizeof idx);
		} else {
			close(task[w]);
			task[w] = -1;
		}
	}
	progress_longest(current, started, jobs, cases, done, n);
	while (done < n) {
		struct msg m;
		int idx;
		if (fd_read_full(results[0], &m, sizeof m) != 0)
			break;
		if (m.index < 0 || (size_t)m.index >= n || m.worker < 0 || m.worker >= jobs)
			break;
		res[m.index] = m.r;
		done++;
		idx = pick(order, n, taken, m.worker >= cpu_jobs, cases);
		current[m.worker] = idx;
		if (idx >= 0) {
			started[m.worker] = next++;
			fd_write_full(task[m.worker], &idx, sizeof idx);
		} else if (task[m.worker] >= 0) {
			close(task[m.worker]);
			task[m.worker] = -1;
		}
		progress_longest(current, started, jobs, cases, done, n);
	}
	for (w = 0; w < jobs; w++)
		if (task[w] >= 0)
			close(task[w]);
	close(results[0]);
	for (w = 0; w < jobs; w++)
		while (waitpid(pid[w], NULL, 0) < 0 && errno == EINTR)
			;
	free(order);
	free(taken);
	if (done < n) {
		/* A worker died: what it was running has no observation. */
		for (i = 0; i < n; i++) {
			if (res[i].obs.token[0] == '\0') {
				obs_word(&res[i].obs, "error");
				obs_note(&res[i].obs, "the worker running this case died");
			}
		}
	}
	return 0;
}

struct ns_header {
	int status; /* 0 ran, 1 no namespace here, -1 failed */
	char why[200];
	struct platform p;
};

int batch_run_netns(long somaxconn, const struct lc_case *const *cases, size_t n, int jobs,
		    struct batch_result *res, struct platform *p, char *why, size_t len)
{
	struct ns_header h;
	int fds[2], status;
	pid_t pid, self;
	size_t i;

	for (i = 0; i < n; i++)
		memset(&res[i], 0, sizeof res[i]);
	if (net_lacks(NET_NAMESPACES) != NULL) {
		snprintf(why, len, "%s", net_lacks(NET_NAMESPACES));
		return 1;
	}
	if (pipe(fds) != 0) {
		snprintf(why, len, "pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	self = getpid();
	pid = fork();
	if (pid < 0) {
		snprintf(why, len, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		char value[32];
		sysdep_die_with_parent(self);
		close(fds[0]);
		memset(&h, 0, sizeof h);
		snprintf(value, sizeof value, "%ld", somaxconn);
		if (sysdep_netns_enter(h.why, sizeof h.why) != 0) {
			h.status = 1;
		} else if (sysdep_netns_write("net/core/somaxconn", value, h.why, sizeof h.why) != 0) {
			h.status = 1;
		} else {
			platform_probe(&h.p);
			h.p.private_netns = 1;
			if (h.p.somaxconn != somaxconn) {
				h.status = -1;
				snprintf(h.why, sizeof h.why, "somaxconn reads %ld in the namespace, "
					 "not %ld", h.p.somaxconn, somaxconn);
			} else if (batch_run(cases, n, jobs, res) != 0) {
				h.status = -1;
				snprintf(h.why, sizeof h.why, "cannot start workers");
			}
		}
		if (fd_write_full(fds[1], &h, sizeof h) == 0 && h.status == 0)
			fd_write_full(fds[1], res, n * sizeof *res);
		lc_tmpdir_remove();
		_exit(0);
	}
	close(fds[1]);
	memset(&h, 0, sizeof h);
	if (fd_read_full(fds[0], &h, sizeof h) != 0) {
		h.status = -1;
		snprintf(h.why, sizeof h.why, "the namespace process sent nothing");
	} else if (h.status == 0 && fd_read_full(fds[0], res, n * sizeof *res) != 0) {
		h.status = -1;
		snprintf(h.why, sizeof h.why, "the namespace process died mid-run");
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	h.why[sizeof h.why - 1] = '\0';
	snprintf(why, len, "%s", h.why);
	if (h.status == 0)
		*p = h.p;
	return h.status;
}
