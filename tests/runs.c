/* runs.c: the table of runs (see runs.h). */
#define _POSIX_C_SOURCE 200809L
#include "runs.h"

#include <fnmatch.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

static const char *const errors[] = {"errno.*", "accepting.*", NULL};
static const char *const depth_area[] = {"depth.*", "limit.*", "relisten.*", NULL};
/* Where somaxconn is above the header's SOMAXCONN, the labels whose
 * meaning depends on the two limits give different depths: a C library
 * that replaced a negative backlog by SOMAXCONN, or clamped to SOMAXCONN,
 * is caught only here.  32768 is told apart from SOMAXCONN here too. */
static const char *const two_limits[] = {
	"depth.*.INT_MIN", "depth.*.-1", "depth.*.SOMAXCONN", "depth.*.somaxconn",
	"depth.*.somaxconn+1", "depth.*.32768",
	"limit.*.INT_MIN", "limit.*.-1", "limit.*.SOMAXCONN", "limit.*.somaxconn",
	"limit.*.somaxconn+1", "limit.*.32768", NULL,
};
/* The largest queues: 32768 is told apart from somaxconn only where the
 * limit is above 32768. */
static const char *const largest[] = {
	"depth.*.32768", "depth.*.somaxconn", "depth.*.INT_MAX",
	"limit.*.32768", "limit.*.somaxconn", "limit.*.INT_MAX", NULL,
};

static const char *const lifecycle_area[] = {"lifecycle.*", NULL};
/* What a full queue does to one more client (lib/cases/overflow.c). */
static const char *const overflow_area[] = {"overflow.*", NULL};
/* The queues area: every case makes its own namespace (NEED_NETNS). */
static const char *const queues_area[] = {"synq.*", "synq-max8.*", "synq-max128.*",
					  "synq-max4096.*", "syncookies.*", "combined.*", NULL};

const struct area_run area_runs[] = {
	{"errors", RUN_HOST, errors, "the error cases and SO_ACCEPTCONN"},
	{"depth", RUN_HOST, depth_area, "every depth, limit and relisten case at the host's limit"},
	{"depth-somaxconn-16", 16, depth_area, "the same below SOMAXCONN, where clamping shows"},
	{"depth-above-SOMAXCONN", SOMAXCONN + SOMAXCONN / 4, two_limits,
	 "somaxconn above SOMAXCONN: the labels that depend on the two limits"},
	{"depth-somaxconn-65535", 65535, largest, "the largest queues (65536 connections)"},
	{"lifecycle", RUN_HOST, lifecycle_area, "a listener's life after listen()"},
	{"overflow", RUN_HOST, overflow_area, "how a full queue refuses one more client"},
	{"queues", RUN_HOST, queues_area, "both queues: half-open capacity, syncookies, combined"},
};
const int n_area_runs = (int)(sizeof area_runs / sizeof area_runs[0]);

const struct area_run *area_run_find(const char *area)
{
	int i;
	for (i = 0; i < n_area_runs; i++)
		if (strcmp(area_runs[i].area, area) == 0)
			return &area_runs[i];
	return NULL;
}

int area_run_selects(const struct area_run *r, const char *id)
{
	const char *const *p;
	for (p = r->patterns; *p != NULL; p++)
		if (fnmatch(*p, id, 0) == 0)
			return 1;
	return 0;
}
