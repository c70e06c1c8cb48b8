/* queues.c: the queues area, POSIX A6 ("the queue may include incomplete
 * connections"; the limits of the two may differ): the situation that
 * stages a private namespace for it and the observers of the half-open
 * capacity (synq.*), syncookies (syncookies.*) and the combined limit
 * (combined.*).  The machinery of holding a handshake open is in
 * halfopen.c. */
#define _POSIX_C_SOURCE 200809L
#include "catalogue.h"
#include "halfopen.h"
#include "sockutil.h"
#include "sysdep.h"
#include "net.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* A queue that has not refused a SYN after its backlog plus this many is
 * reported as unbounded, not counted further. */
#define BEYOND 64
/* How many SYNs past the held ones a syncookies case tries: each must be
 * answered by a cookie. */
#define COOKIE_PROBES 3

static int ns_set(const char *key, long value, struct obs *o)
{
	char v[32], why[300];
	snprintf(v, sizeof v, "%ld", value);
	if (sysdep_netns_write(key, v, why, sizeof why) != 0) {
		obs_skip(o, "%s", why);
		return -1;
	}
	return 0;
}

/* A bound TCP socket with the pure-ACK filter attached, inside the case's
 * own namespace, with tcp_syncookies (0, or the syncookies case's setting)
 * and, for synq-max* rows, tcp_max_syn_backlog set there.  The filter
 * comes first, so a platform that lacks it skips saying so. */
int sit_halfopen(const struct lc_case *c, struct scene *s, struct obs *o)
{
	char why[300];
	long cookies = c->observer == &observe_syncookies ? c->variant : 0;
	s->fd = bound_socket(s, c->family, SOCK_STREAM, &s->addr, &s->addrlen, o);
	if (s->fd < 0)
		return -1;
	if (sysdep_drop_pure_acks(s->fd, why, sizeof why) != 0) {
		obs_skip(o, "%s", why);
		return -1;
	}
	if (ns_set("net/ipv4/tcp_syncookies", cookies, o) != 0)
		return -1;
	/* A request socket whose SYN-ACK retries run out goes away
	 * (net/ipv4/inet_connection_sock.c reqsk_timer_handler; about 63 s at
	 * the default 5), while its client still believes it is connected:
	 * found under User-mode Linux, where 4160 connects took longer.  The
	 * largest count keeps every one for the whole case. */
	if (ns_set("net/ipv4/tcp_synack_retries", 255, o) != 0)
		return -1;
	if (c->observer == &observe_synq && c->variant > 0 &&
	    ns_set("net/ipv4/tcp_max_syn_backlog", c->variant, o) != 0)
		return -1;
	return 0;
}

static void target_of(const struct lc_case *c, int fd, const struct scene *s,
		      struct probe_target *t)
{
	probe_target_set(t, fd, c->family, SOCK_STREAM, c->protocol, &s->addr, s->addrlen);
}

/* listen() with the case's backlog; *cap: how many half-open clients to try
 * at most. */
static int listen_label(const struct lc_case *c, int fd, long *cap, struct obs *o)
{
	int backlog;
	if (catalogue_backlog(c, NULL, &backlog, o) != 0 || lc_listen(fd, backlog, "listen", o) != 0)
		return -1;
	*cap = (unsigned)backlog > 65535u ? 65535 : (long)(unsigned)backlog;
	*cap += BEYOND;
	return 0;
}

static void fill_note(struct obs *o, const struct halfopen_fill *f)
{
	obs_note(o, "%ld connected (server: %ld SYN_RECV, %ld cookies); %s (TcpExt over the "
		 "fill: ListenDrops +%lld, TCPReqQFullDrop +%lld, ListenOverflows +%lld); "
		 "tcp_max_syn_backlog %ld", f->completed, f->server_synrecv, f->cookies,
		 f->refused ? "the next SYN was dropped" : "no SYN was dropped", f->drops,
		 f->reqq_full, f->overflows, sysdep_proc_sys_int("net/ipv4/tcp_max_syn_backlog"));
}

/* Token: how many connections the listener held half-open (server
 * SYN_RECV == clients connected) when the next SYN was dropped; unbounded
 * when none was dropped within backlog + BEYOND. */
static void do_synq(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct probe_target t;
	struct halfopen_fill f;
	long cap;
	if (listen_label(c, s->fd, &cap, o) != 0)
		return;
	target_of(c, s->fd, s, &t);
	if (halfopen_run(&t, cap, -1, &f, o) == 0 && halfopen_agree(&f, 0, 1, o) == 0) {
		if (f.refused)
			obs_int(o, f.server_synrecv);
		else
			obs_word(o, "unbounded");
		fill_note(o, &f);
	}
	halfopen_release(&f);
}

static const char *const synq_words[] = {"unbounded", NULL};

const struct observer observe_synq = {"synq", do_synq, synq_words, 1, NULL};

/* Token HELD,BEYOND: HELD half-open (SYN_RECV) when the first SYN past
 * them was answered by a cookie or dropped; BEYOND is answered (that SYN
 * and COOKIE_PROBES-1 more were answered by cookies, SyncookiesSent
 * counted each, the server kept no state), dropped (the first one was
 * dropped, ListenDrops counted it), or mixed (some answered, then one
 * dropped). */
static void do_syncookies(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct probe_target t;
	struct halfopen_fill f;
	long cap;
	if (listen_label(c, s->fd, &cap, o) != 0)
		return;
	target_of(c, s->fd, s, &t);
	if (halfopen_run(&t, cap, COOKIE_PROBES, &f, o) == 0 && halfopen_agree(&f, 0, 1, o) == 0) {
		const char *beyond = f.cookies >= COOKIE_PROBES ? "answered"
				     : f.cookies == 0 && f.refused ? "dropped"
				     : f.refused ? "mixed" : NULL;
		if (beyond == NULL)
			obs_word(o, "unbounded");
		else
			snprintf(o->token, sizeof o->token, "%ld,%s", f.server_synrecv, beyond);
		fill_note(o, &f);
	}
	halfopen_release(&f);
}

static int digits_then(const char **p)
{
	if (!isdigit((unsigned char)**p))
		return 0;
	while (isdigit((unsigned char)**p))
		(*p)++;
	return 1;
}

static int valid_syncookies(const char *t)
{
	if (!digits_then(&t) || *t++ != ',')
		return 0;
	return strcmp(t, "answered") == 0 || strcmp(t, "dropped") == 0 || strcmp(t, "mixed") == 0;
}

const struct observer observe_syncookies = {"syncookies", do_syncookies, synq_words, 0,
					    valid_syncookies};

/* Token WORD,A,H.  Two listeners with the case's backlog B in one
 * namespace.  The first, empty, holds H0 half-open before it drops a SYN.
 * The second first gets A = B completed connections (accept queue, no
 * filter; Linux's accept queue takes B+1, so it is not full), then the
 * filter, then holds H half-open.  WORD: separate when H == H0 (the
 * completed connections do not count against the half-open limit),
 * sum when H + A == H0 (one limit over both queues, the BSD model),
 * shared otherwise, unbounded when the first listener never dropped. */
static void do_combined(const struct lc_case *c, struct scene *s, struct obs *o)
{
	struct probe_target t;
	struct halfopen_fill ref, done, held;
	struct sockaddr_storage a2;
	socklen_t a2len;
	char why[300];
	long cap, backlog;
	int l2;

	memset(&done, 0, sizeof done);
	memset(&held, 0, sizeof held);
	if (listen_label(c, s->fd, &cap, o) != 0)
		return;
	backlog = cap - BEYOND;
	target_of(c, s->fd, s, &t);
	if (halfopen_run(&t, cap, -1, &ref, o) != 0 || halfopen_agree(&ref, 0, 1, o) != 0)
		goto out;
	halfopen_release(&ref);
	if (!ref.refused) {
		snprintf(o->token, sizeof o->token, "unbounded,0,%ld", ref.completed);
		goto out;
	}
	l2 = bound_socket(s, c->family, SOCK_STREAM, &a2, &a2len, o);
	if (l2 < 0 || listen_label(c, l2, &cap, o) != 0)
		goto out;
	t.listener = l2;
	t.addr = a2;
	t.addrlen = a2len;
	if (halfopen_run(&t, backlog, -1, &done, o) != 0 || halfopen_agree(&done, 0, 0, o) != 0)
		goto out;
	if (sysdep_drop_pure_acks(l2, why, sizeof why) != 0) {
		obs_skip(o, "%s", why);
		goto out;
	}
	if (halfopen_run(&t, cap, -1, &held, o) != 0 ||
	    halfopen_agree(&held, done.completed, 1, o) != 0)
		goto out;
	snprintf(o->token, sizeof o->token, "%s,%ld,%ld",
		 !held.refused ? "unbounded"
		 : held.server_synrecv == ref.server_synrecv ? "separate"
		 : held.server_synrecv + done.completed == ref.server_synrecv ? "sum" : "shared",
		 done.completed, held.server_synrecv);
	obs_note(o, "alone the listener held %ld half-open; with %ld completed waiting it held %ld "
		 "(ListenDrops +%lld, ListenOverflows +%lld)", ref.server_synrecv, done.completed,
		 held.server_synrecv, held.drops, held.overflows);
out:
	halfopen_release(&ref);
	halfopen_release(&done);
	halfopen_release(&held);
}

static int valid_combined(const char *t)
{
	static const char *const words[] = {"separate,", "sum,", "shared,", "unbounded,"};
	size_t i;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncmp(t, words[i], strlen(words[i])) == 0) {
			t += strlen(words[i]);
			return digits_then(&t) && *t++ == ',' && digits_then(&t) && *t == '\0';
		}
	return 0;
}

const struct observer observe_combined = {"combined", do_combined, NULL, 0, valid_combined};
