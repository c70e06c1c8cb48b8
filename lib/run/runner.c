/* runner.c: running one case, in this process or in a private network
 * namespace made for it in a child process. */
#define _POSIX_C_SOURCE 200809L
#include "catalogue.h"
#include "net.h"
#include "protocols.h"
#include "sockutil.h"
#include "sysdep.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* How long an isolated case may take before it is killed. */
#define ISOLATED_TIMEOUT_MS 60000

static void run_here(const struct lc_case *c, struct obs *o)
{
	struct scene s;
	char why[200];

	/* The stack under test starts in the process that runs the case. */
	if (net_start(why, sizeof why) != 0) {
		obs_skip(o, "the network stack %s did not start: %s", net_stack_name(), why);
		return;
	}
	if ((c->needs & NEED_IPV6) && !ipv6_usable(why, sizeof why)) {
		obs_skip(o, "%s", why);
		return;
	}
	if ((c->needs & NEED_KIND) && !kind_usable(c, why, sizeof why)) {
		obs_skip(o, "%s", why);
		return;
	}
	scene_init(&s);
	if (c->situation(c, &s, o) == 0) {
		char setup_note[OBS_NOTE_MAX];
		/* Keep what the situation noted; the observer may add to it. */
		snprintf(setup_note, sizeof setup_note, "%s", o->note);
		o->note[0] = '\0';
		c->observer->observe(c, &s, o);
		if (setup_note[0] != '\0' && !obs_is_skip(o)) {
			char seen[OBS_NOTE_MAX];
			size_t n = strlen(setup_note);
			memcpy(seen, o->note, sizeof seen);
			memcpy(o->note, setup_note, n + 1);
			if (seen[0] != '\0' && n + 2 < sizeof o->note) {
				o->note[n] = ';';
				o->note[n + 1] = ' ';
				strncpy(o->note + n + 2, seen, sizeof o->note - n - 3);
				o->note[sizeof o->note - 1] = '\0';
			}
		}
	}
	scene_close(&s);
}

static void isolated_child(const struct lc_case *c, int out, long somaxconn)
{
	struct obs o;
	char why[200], v[32];

	obs_clear(&o);
	snprintf(v, sizeof v, "%ld", somaxconn);
	if (sysdep_netns_enter(why, sizeof why) != 0)
		obs_skip(&o, "%s", why);
	/* The case's namespace has the run's somaxconn (listen-observe
	 * --somaxconn 16 runs everything at 16), not a fresh default: the
	 * record's header is true for every line. */
	else if (somaxconn > 0 && sysdep_somaxconn(NULL, 0) != somaxconn &&
		 sysdep_netns_write("net/core/somaxconn", v, why, sizeof why) != 0)
		obs_skip(&o, "cannot give the case's namespace the run's somaxconn %ld: %s",
			 somaxconn, why);
	else
		run_here(c, &o);
	(void)fd_write_full(out, &o, sizeof o);
	lc_tmpdir_remove();
	_exit(0);
}

static void run_isolated(const struct lc_case *c, struct obs *o)
{
	struct pollfd pfd;
	size_t got = 0;
	int p[2], status = 0;
	pid_t pid, self;
	long somaxconn = sysdep_somaxconn(NULL, 0); /* the run's, before the case's namespace */

	if (pipe(p) != 0) {
		obs_step_errno(o, "pipe", errno);
		return;
	}
	fflush(NULL);
	self = getpid();
	pid = fork();
	if (pid < 0) {
		obs_step_errno(o, "fork", errno);
		close(p[0]);
		close(p[1]);
		return;
	}
	if (pid == 0) {
		sysdep_die_with_parent(self);
		close(p[0]);
		isolated_child(c, p[1], somaxconn);
	}
	close(p[1]);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	while (got < sizeof *o) {
		ssize_t n;
		int r = poll(&pfd, 1, ISOLATED_TIMEOUT_MS);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			kill(pid, SIGKILL);
			break;
		}
		n = read(p[0], (char *)o + got, sizeof *o - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (got != sizeof *o) {
		obs_clear(o);
		obs_word(o, "error");
		if (WIFSIGNALED(status))
			obs_note(o, "the case's namespace process died from signal %d",
				 WTERMSIG(status));
		else
			obs_note(o, "the case's namespace process sent no observation");
	}
	o->token[sizeof o->token - 1] = '\0';
	o->note[sizeof o->note - 1] = '\0';
}

void catalogue_run(const struct lc_case *c, struct obs *o)
{
	obs_clear(o);
	if (c->family == AF_UNIX && net_lacks(NET_AF_UNIX) != NULL)
		obs_skip(o, "needs AF_UNIX sockets: %s", net_lacks(NET_AF_UNIX));
	else if ((c->needs & NEED_NETNS) && net_lacks(NET_NAMESPACES) != NULL)
		obs_skip(o, "needs a private network namespace: %s", net_lacks(NET_NAMESPACES));
	else if (c->needs & NEED_NETNS)
		run_isolated(c, o);
	else
		run_here(c, o);
	if (!obs_is_set(o)) {
		obs_word(o, "error");
		obs_note(o, "case %s produced no observation (a bug in the suite)", c->id);
	} else if (!obs_is_skip(o) && strcmp(o->token, "error") != 0 &&
		   !catalogue_token_valid(c, o->token)) {
		/* An observer wrote a token its own grammar refuses (found:
		 * shrink-pending's ",4,admitted" under gVisor). */
		char bad[OBS_TOKEN_MAX];
		snprintf(bad, sizeof bad, "%s", o->token);
		obs_word(o, "error");
		obs_note(o, "case %s observed '%s', which is not one of its outcomes (a bug in the "
			 "suite)", c->id, bad);
	}
}
