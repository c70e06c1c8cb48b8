/* observers.c: what a case looks at once its situation is built. */
#define _POSIX_C_SOURCE 200809L
#include "catalogue.h"
#include "errnames.h"
#include "oracles.h"
#include "probe.h"
#include "sockutil.h"
#include "sysdep.h"
#include "net.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

static const char *const listen_words[] = {"bad-return", NULL};

/* Token: ok, or the errno listen(fd, 5) failed with. */
static void do_listen(const struct lc_case *c, struct scene *s, struct obs *o)
{
	(void)c;
	if (lc_listen(s->fd, LC_ERRNO_BACKLOG, NULL, o) == 0)
		obs_ok(o);
}

const struct observer observe_listen = {"listen", do_listen, listen_words, 0, NULL};

static const char *const port_words[] = {"bad-return", "noport", NULL};

/* Token: ok when listen() succeeded and the socket has a port of its own
 * afterwards; noport when it succeeded without one; else the errno. */
static void do_listen_port(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct sockaddr_storage a;
	socklen_t alen = sizeof a;
	(void)c;
	if (lc_listen(s->fd, LC_ERRNO_BACKLOG, NULL, o) != 0)
		return;
	memset(&a, 0, sizeof a);
	if (net_getsockname(s->fd, (struct sockaddr *)&a, &alen) != 0) {
		obs_step_errno(o, "getsockname", errno);
		return;
	}
	if (sockaddr_port(&a) == 0) {
		obs_word(o, "noport");
		return;
	}
	obs_ok(o);
	obs_note(o, "listening on an ephemeral port");
}

const struct observer observe_listen_port = {"listen-port", do_listen_port, port_words, 0, NULL};

static int acceptconn(int fd, int *v, struct obs *o)
{
	socklen_t len = sizeof *v;
	*v = -1;
	if (net_getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, v, &len) != 0) {
		obs_step_errno(o, "getsockopt", errno);
		return -1;
	}
	return 0;
}

static const char *const acceptconn_words[] = {"bad-return", "set-before", "unset-after", NULL};

/* Token: ok when SO_ACCEPTCONN reads 0 before listen() and non-zero after;
 * set-before / unset-after name the half that failed; listen's errno if it
 * failed; getsockopt:ERRNO when the option cannot be read. */
static void do_acceptconn(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int v;
	(void)c;
	if (acceptconn(s->fd, &v, o) != 0)
		return;
	if (v != 0) {
		obs_word(o, "set-before");
		return;
	}
	if (lc_listen(s->fd, LC_ERRNO_BACKLOG, NULL, o) != 0)
		return;
	if (acceptconn(s->fd, &v, o) != 0)
		return;
	if (v == 0)
		obs_word(o, "unset-after");
	else
		obs_ok(o);
}

const struct observer observe_acceptconn = {"acceptconn", do_acceptconn, acceptconn_words, 0, NULL};

/* ---- queue depth ---- */

static void depth_note(struct obs *o, const struct probe_result *r)
{
	if (r->helpers > 0)
		obs_note(o, "%s; %d helper processes held clients", probe_refusal_text(r->how),
			 r->helpers);
	else
		obs_note(o, "%s", probe_refusal_text(r->how));
}

/* The listener of the scene, as the probe wants it. */
static void target_of(const struct lc_case *c, const struct scene *s, struct probe_target *t)
{
	probe_target_set(t, s->fd, c->family, c->type, c->protocol, &s->addr, s->addrlen);
}

static void count_queue(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct probe_target t;
	struct probe_result r;

	target_of(c, s, &t);
	if (probe_depth(&t, &r, o) != 0)
		return;
	obs_int(o, r.depth);
	depth_note(o, &r);
}

/* listen() with the case's backlog (its label evaluated here); 0, or -1
 * with o set. */
static int listen_with_label(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int backlog;
	if (catalogue_backlog(c, NULL, &backlog, o) != 0)
		return -1;
	return lc_listen(s->fd, backlog, "listen", o);
}

/* Token: how many connections accept() hands out after they arrived on a
 * listener with the case's backlog, nothing accepted meanwhile. */
static void do_depth(const struct lc_case *c, struct scene *s, struct obs *o)
{
	if (listen_with_label(c, s, o) == 0)
		count_queue(c, s, o);
}

const struct observer observe_depth = {"depth", do_depth, NULL, 1, NULL};

/* Token: the backlog the kernel says the listener has (after clamping). */
static void do_limit(const struct lc_case *c, struct scene *s, struct obs *o)
{
	char why[400], how[300];
	long limit;
	int r;
	if (listen_with_label(c, s, o) != 0)
		return;
	r = listen_limit(c, s->fd, &limit, how, sizeof how, why, sizeof why);
	if (r == -2) {
		obs_word(o, "error");
		obs_note(o, "%s", why);
		return;
	}
	if (r != 0) {
		obs_skip(o, "%s", why);
		return;
	}
	obs_int(o, limit);
	obs_note(o, "%s", how);
}

const struct observer observe_limit = {"limit", do_limit, NULL, 1, NULL};

/* Token: the depth after listen(first) then listen(second) on one socket. */
static void do_relisten(const struct lc_case *c, struct scene *s, struct obs *o)
{
	int first = c->variant == RELISTEN_GROW ? 1 : 5;
	int second = c->variant == RELISTEN_GROW ? 8 : 1;
	if (lc_listen(s->fd, first, "listen", o) != 0 ||
	    lc_listen(s->fd, second, "relisten", o) != 0)
		return;
	count_queue(c, s, o);
}

const struct observer observe_relisten = {"relisten", do_relisten, NULL, 1, NULL};

/* Token LISTEN,KEPT,NEW: listen(5), four connections queued, listen(1).
 * LISTEN is what the second listen() returned (ok or an errno name), KEPT
 * how many of the four accept() still hands out, NEW whether a fifth
 * connection made after the shrink got in (admitted) or not (refused). */
static void do_shrink_pending(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct probe_target t;
	char result[32];
	long kept = 0;
	int admitted = 0;

	if (lc_listen(s->fd, 5, "listen", o) != 0)
		return;
	target_of(c, s, &t);
	if (probe_shrink_pending(&t, 4, 1, result, sizeof result, &kept, &admitted, o) != 0)
		return;
	snprintf(o->token, sizeof o->token, "%s,%ld,%s", result, kept,
		 admitted ? "admitted" : "refused");
}

static int valid_shrink_token(const char *t)
{
	char first[32];
	const char *comma = strchr(t, ','), *p;
	size_t n;
	if (comma == NULL || (size_t)(comma - t) >= sizeof first)
		return 0;
	n = (size_t)(comma - t);
	memcpy(first, t, n);
	first[n] = '\0';
	if (strcmp(first, "ok") != 0 && strcmp(first, "bad-return") != 0 &&
	    !errno_name_known(first))
		return 0;
	p = comma + 1;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return strcmp(p, ",admitted") == 0 || strcmp(p, ",refused") == 0;
}

static const char *const shrink_words[] = {"short", NULL};

const struct observer observe_shrink_pending = {"shrink-pending", do_shrink_pending,
						shrink_words, 0, valid_shrink_token};
