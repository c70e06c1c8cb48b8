/* catalogue.c: every test case, one row each.
 *
 * The comment above each row says what it checks and which POSIX assertion
 * it belongs to (numbering as in the project's reference notes: A1..A11 for
 * the description, E1..E8 for the errors).  .posix lists the outcomes POSIX
 * allows where it is definite; NULL marks an implementation-defined outcome.
 * Ids are stable: expectation files and recorded observations refer to them. */
#define _POSIX_C_SOURCE 200809L
#include "catalogue.h"
#include "errnames.h"
#include "expr.h"
#include "overflow.h"
#include "platform.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#define L &observe_listen

static const struct lc_case fixed[] = {
	/* ---- E1: EBADF, the descriptor is not valid ---- */

	/* listen(-1, 5). */
	{.id = "errno.fd-negative", .assertion = "E1", .posix = "EBADF",
	 .situation = sit_bad_fd, .observer = L, .variant = BADFD_NEGATIVE},
	/* The number of a socket that was just closed. */
	{.id = "errno.fd-closed", .assertion = "E1", .posix = "EBADF",
	 .situation = sit_bad_fd, .observer = L, .variant = BADFD_CLOSED},
	/* A number at the process's RLIMIT_NOFILE, which no descriptor can have. */
	{.id = "errno.fd-beyond-limit", .assertion = "E1", .posix = "EBADF",
	 .situation = sit_bad_fd, .observer = L, .variant = BADFD_BEYOND_LIMIT},

	/* ---- E4: ENOTSOCK, the descriptor is not a socket ---- */

	/* A regular file in the private temporary directory. */
	{.id = "errno.regular-file", .assertion = "E4", .posix = "ENOTSOCK",
	 .situation = sit_not_socket, .observer = L, .variant = FILE_REGULAR},
	/* The read end of a pipe. */
	{.id = "errno.pipe", .assertion = "E4", .posix = "ENOTSOCK",
	 .situation = sit_not_socket, .observer = L, .variant = FILE_PIPE},
	/* /dev/null, a character device. */
	{.id = "errno.char-device", .assertion = "E4", .posix = "ENOTSOCK",
	 .situation = sit_not_socket, .observer = L, .variant = FILE_CHARDEV},
	/* A directory opened read-only. */
	{.id = "errno.directory", .assertion = "E4", .posix = "ENOTSOCK",
	 .situation = sit_not_socket, .observer = L, .variant = FILE_DIRECTORY},

	/* ---- E5: EOPNOTSUPP, the protocol does not support listen() ---- */

	/* A fresh UDP/IPv4 socket. */
	{.id = "errno.udp4", .assertion = "E5", .posix = "EOPNOTSUPP",
	 .situation = sit_fresh_socket, .observer = L, .family = AF_INET, .type = SOCK_DGRAM},
	/* A fresh UDP/IPv6 socket. */
	{.id = "errno.udp6", .assertion = "E5", .posix = "EOPNOTSUPP",
	 .situation = sit_fresh_socket, .observer = L, .family = AF_INET6, .type = SOCK_DGRAM,
	 .needs = NEED_IPV6},
	/* A fresh AF_UNIX datagram socket. */
	{.id = "errno.unix-dgram", .assertion = "E5", .posix = "EOPNOTSUPP",
	 .situation = sit_fresh_socket, .observer = L, .family = AF_UNIX, .type = SOCK_DGRAM},
	/* One end of socketpair(AF_UNIX, SOCK_DGRAM): datagram and connected. */
	{.id = "errno.socketpair-dgram", .assertion = "E5", .posix = "EOPNOTSUPP",
	 .situation = sit_socketpair, .observer = L, .type = SOCK_DGRAM},
	/* A raw IPv4 socket (needs privilege to create). */
	{.id = "errno.raw4", .assertion = "E5", .posix = "EOPNOTSUPP",
	 .situation = sit_fresh_socket, .observer = L, .family = AF_INET, .type = SOCK_RAW,
	 .protocol = IPPROTO_RAW},

	/* ---- E2: EDESTADDRREQ, not bound and the protocol needs an address ---- */

	/* AF_UNIX stream socket never bound: it has no name to listen on. */
	{.id = "errno.unbound-unix-stream", .assertion = "E2", .posix = "EDESTADDRREQ",
	 .situation = sit_fresh_socket, .observer = L, .family = AF_UNIX, .type = SOCK_STREAM},
	/* AF_UNIX seqpacket socket never bound. */
	{.id = "errno.unbound-unix-seqpacket", .assertion = "E2", .posix = "EDESTADDRREQ",
	 .situation = sit_fresh_socket, .observer = L, .family = AF_UNIX,
	 .type = SOCK_SEQPACKET},
	/* TCP/IPv4 never bound: listening may bind an ephemeral port (then the
	 * token is ok only if getsockname shows one), or fail EDESTADDRREQ.  The
	 * auto-bound listener is on the wildcard address, so this runs only in a
	 * private network namespace. */
	{.id = "errno.unbound-tcp4", .assertion = "E2", .posix = "ok|EDESTADDRREQ",
	 .situation = sit_fresh_socket, .observer = &observe_listen_port, .family = AF_INET,
	 .type = SOCK_STREAM, .needs = NEED_NETNS},
	/* TCP/IPv6 never bound, as above. */
	{.id = "errno.unbound-tcp6", .assertion = "E2", .posix = "ok|EDESTADDRREQ",
	 .situation = sit_fresh_socket, .observer = &observe_listen_port, .family = AF_INET6,
	 .type = SOCK_STREAM, .needs = NEED_NETNS | NEED_IPV6},

	/* ---- E3: EINVAL, the socket is already connected ---- */

	/* One end of socketpair(AF_UNIX, SOCK_STREAM). */
	{.id = "errno.socketpair-stream", .assertion = "E3", .posix = "EINVAL",
	 .situation = sit_socketpair, .observer = L, .type = SOCK_STREAM},
	/* The client end of a TCP/IPv4 loopback connection. */
	{.id = "errno.connected-tcp4", .assertion = "E3", .posix = "EINVAL",
	 .situation = sit_connected, .observer = L, .family = AF_INET, .type = SOCK_STREAM,
	 .variant = END_CLIENT},
	/* The client end of a TCP/IPv6 loopback connection. */
	{.id = "errno.connected-tcp6", .assertion = "E3", .posix = "EINVAL",
	 .situation = sit_connected, .observer = L, .family = AF_INET6, .type = SOCK_STREAM,
	 .variant = END_CLIENT, .needs = NEED_IPV6},
	/* The socket accept() returned for a TCP/IPv4 connection. */
	{.id = "errno.accepted-tcp4", .assertion = "E3", .posix = "EINVAL",
	 .situation = sit_connected, .observer = L, .family = AF_INET, .type = SOCK_STREAM,
	 .variant = END_ACCEPTED},
	/* The client end of an AF_UNIX stream connection (client unbound). */
	{.id = "errno.connected-unix-stream", .assertion = "E3", .posix = "EINVAL",
	 .situation = sit_connected, .observer = L, .family = AF_UNIX, .type = SOCK_STREAM,
	 .variant = END_CLIENT},
	/* The client end of an AF_UNIX stream connection, the client bound to a
	 * path of its own first: only the connected state can refuse it. */
	{.id = "errno.connected-unix-stream-bound", .assertion = "E3", .posix = "EINVAL",
	 .situation = sit_connected, .observer = L, .family = AF_UNIX, .type = SOCK_STREAM,
	 .variant = END_BOUND_CLIENT},
	/* The socket accept() returned for an AF_UNIX stream connection. */
	{.id = "errno.accepted-unix-stream", .assertion = "E3", .posix = "EINVAL",
	 .situation = sit_connected, .observer = L, .family = AF_UNIX, .type = SOCK_STREAM,
	 .variant = END_ACCEPTED},
	/* A TCP/IPv4 socket whose non-blocking connect() is still in progress.
	 * Not yet connected, so POSIX does not say; related to E3. */
	{.id = "errno.connecting-tcp4", .assertion = "E3", .posix = NULL,
	 .situation = sit_connecting, .observer = L, .family = AF_INET},

	/* ---- errors POSIX does not list (A11: -1 and errno) ---- */

	/* Two SO_REUSEADDR TCP/IPv4 sockets bound to the same loopback address
	 * and port; the first listens, then the second. */
	{.id = "errno.reuseaddr-twin-tcp4", .assertion = "A11", .posix = NULL,
	 .situation = sit_reuseaddr_twin, .observer = L, .family = AF_INET},
	/* The same with TCP/IPv6 on ::1. */
	{.id = "errno.reuseaddr-twin-tcp6", .assertion = "A11", .posix = NULL,
	 .situation = sit_reuseaddr_twin, .observer = L, .family = AF_INET6,
	 .needs = NEED_IPV6},
	/* Unbound TCP/IPv4 listen when no ephemeral port is free (staged in a
	 * private network namespace whose port range is one taken port).  E8's
	 * "insufficient resources" is the nearest POSIX says. */
	{.id = "errno.ephemeral-exhausted-tcp4", .assertion = "E8", .posix = NULL,
	 .situation = sit_ports_exhausted, .observer = L, .family = AF_INET,
	 .type = SOCK_STREAM, .needs = NEED_NETNS},

	/* ---- E7: EINVAL allowed once the socket has been shut down ---- */

	/* A bound, never connected TCP/IPv4 socket after shutdown(SHUT_RDWR). */
	{.id = "errno.shutdown-unconnected-tcp4", .assertion = "E7", .posix = "ok|EINVAL",
	 .situation = sit_shutdown, .observer = L, .family = AF_INET, .type = SOCK_STREAM},

	/* ---- A1: listen() marks the socket as accepting connections ---- */

	/* SO_ACCEPTCONN of a bound TCP/IPv4 socket: 0 before listen(), 1 after. */
	{.id = "accepting.tcp4", .assertion = "A1", .posix = "ok",
	 .situation = sit_bound, .observer = &observe_acceptconn, .family = AF_INET,
	 .type = SOCK_STREAM},
	/* The same for TCP/IPv6. */
	{.id = "accepting.tcp6", .assertion = "A1", .posix = "ok",
	 .situation = sit_bound, .observer = &observe_acceptconn, .family = AF_INET6,
	 .type = SOCK_STREAM, .needs = NEED_IPV6},
	/* The same for a bound AF_UNIX stream socket. */
	{.id = "accepting.unix-stream", .assertion = "A1", .posix = "ok",
	 .situation = sit_bound, .observer = &observe_acceptconn, .family = AF_UNIX,
	 .type = SOCK_STREAM},
	/* The same for a bound AF_UNIX seqpacket socket. */
	{.id = "accepting.unix-seqpacket", .assertion = "A1", .posix = "ok",
	 .situation = sit_bound, .observer = &observe_acceptconn, .family = AF_UNIX,
	 .type = SOCK_SEQPACKET},
};

/* ---- generated rows: socket kinds x backlog labels ----
 *
 * A depth case listens with the label's backlog and counts the connections
 * that accept() hands out when nothing was accepted while they arrived.  A
 * limit case reads the kernel's own view of the clamped backlog where the OS
 * has one (TCP_INFO on Linux, SO_LISTENQLIMIT on FreeBSD).  To add a label,
 * add a row to labels[] (or sweep[]). */

/* IPPROTO_MPTCP is Linux's number (net/mptcp); where the headers lack it,
 * socket() with it fails and the MPTCP kinds are skips. */
#ifdef IPPROTO_MPTCP
#define KIND_MPTCP_PROTO IPPROTO_MPTCP
#else
#define KIND_MPTCP_PROTO 262
#endif
#ifdef IPPROTO_SCTP
#define KIND_SCTP_PROTO IPPROTO_SCTP
#else
#define KIND_SCTP_PROTO 132
#endif
/* A system without AF_VSOCK gets a family no socket() accepts. */
#ifdef AF_VSOCK
#define KIND_AF_VSOCK AF_VSOCK
#else
#define KIND_AF_VSOCK (-1)
#endif

#define K_NEW (KIND_HANDSHAKE | KIND_ERRNO_ROWS)

/* Fields: name, family, type, needs, has_limit, protocol, flags.  A kind
 * the system lacks (socket() refuses it, or vsock has no loopback
 * transport) makes every one of its cases a skip naming why (NEED_KIND). */
static const struct lc_kind kinds[] = {
	{"tcp4", AF_INET, SOCK_STREAM, 0, 1, 0, KIND_HANDSHAKE | KIND_TCP_ABORT},
	{"tcp6", AF_INET6, SOCK_STREAM, NEED_IPV6, 1, 0, KIND_HANDSHAKE | KIND_TCP_ABORT},
	{"unix-stream", AF_UNIX, SOCK_STREAM, 0, 1, 0, 0},
	{"unix-seqpacket", AF_UNIX, SOCK_SEQPACKET, 0, 1, 0, 0},
	/* Multipath TCP: the listener is an MPTCP socket over a TCP subflow
	 * that listens (Linux net/mptcp/protocol.c mptcp_listen). */
	{"mptcp4", AF_INET, SOCK_STREAM, NEED_KIND, 1, KIND_MPTCP_PROTO,
	 K_NEW | KIND_MPTCP | KIND_AUTOBIND},
	{"mptcp6", AF_INET6, SOCK_STREAM, NEED_KIND | NEED_IPV6, 1, KIND_MPTCP_PROTO,
	 K_NEW | KIND_MPTCP | KIND_AUTOBIND},
	/* SCTP one-to-one (TCP-style) sockets: an accept queue as TCP's. */
	{"sctp4-stream", AF_INET, SOCK_STREAM, NEED_KIND, 1, KIND_SCTP_PROTO,
	 K_NEW | KIND_AUTOBIND},
	{"sctp6-stream", AF_INET6, SOCK_STREAM, NEED_KIND | NEED_IPV6, 1, KIND_SCTP_PROTO,
	 K_NEW | KIND_AUTOBIND},
	/* SCTP one-to-many (UDP-style) sockets: listen() lets the endpoint
	 * take associations, which are never queued for accept(). */
	{"sctp4-seqpacket", AF_INET, SOCK_SEQPACKET, NEED_KIND, 0, KIND_SCTP_PROTO,
	 K_NEW | KIND_NO_ACCEPT_QUEUE | KIND_AUTOBIND},
	{"sctp6-seqpacket", AF_INET6, SOCK_SEQPACKET, NEED_KIND | NEED_IPV6, 0, KIND_SCTP_PROTO,
	 K_NEW | KIND_NO_ACCEPT_QUEUE | KIND_AUTOBIND},
	/* vsock over the loopback transport (VMADDR_CID_LOCAL). */
	{"vsock", KIND_AF_VSOCK, SOCK_STREAM, NEED_KIND, 0, 0, K_NEW},
};

struct label {
	const char *label;     /* the backlog, as an expression */
	const char *assertion;
	const char *posix;     /* relation; %s stands for the kind */
};

static const struct label labels[] = {
	/* A8: a negative backlog behaves as 0, so the depth equals depth(0). */
	{"INT_MIN", "A8", "== {depth.%s.0}"},
	{"-1", "A8", "== {depth.%s.0}"},
	/* A9: backlog 0 allows connections. */
	{"0", "A9", ">= 1"},
	/* A4: a larger backlog never gives a shorter queue. */
	{"1", "A4", "monotonic"},
	{"2", "A4", "monotonic"},
	{"5", "A4", "monotonic"},
	/* A5: a backlog of SOMAXCONN (the header's macro) is honoured. */
	{"SOMAXCONN", "A5", ">= SOMAXCONN"},
	/* A4 at the system limit read at run time. */
	{"somaxconn", "A4", "monotonic"},
	/* A7: above the limit the backlog is set to the limit. */
	{"somaxconn+1", "A7", "== {depth.%s.somaxconn}"},
	{"INT_MAX", "A7", "== {depth.%s.somaxconn}"},
	/* A4 at values a 16-bit queue limit would truncate (XNU keeps it in a
	 * short). */
	{"32768", "A4", "monotonic"},
	{"65536", "A4", "monotonic"},
};

/* A4 over UNP's Table 4.6 (backlogs 0..14), TCP/IPv4 only: the values the
 * labels above do not cover. */
static const char *const sweep[] = {"3", "4", "6", "7", "8", "9", "10", "11", "12", "13", "14"};

/* ---- the queues area (queues.c): A6, the incomplete-connection queue ----
 *
 * Every row runs in its own private namespace with tcp_syncookies set
 * there, the listener dropping pure ACKs so handshakes stay half-open.
 * synq.K.L: how many the listener holds half-open before it drops a SYN,
 * at the namespace's default tcp_max_syn_backlog, for the labels up to 16
 * only: that default comes from the machine's memory (Linux derives it
 * from the established hash's size, at least 128), so a larger label's
 * value would differ between machines of one kernel.  synq-max8.K.L,
 * synq-max128.K.L and synq-max4096.K.L: every label, with
 * tcp_max_syn_backlog set to 8, 128 or 4096 in the namespace.
 * POSIX A6 allows incomplete connections in the queue and does not bound
 * them: implementation-defined (posix NULL). */
static const char *const synq_labels[] = {"0", "1", "2", "5", "16", "128", "somaxconn"};
static const struct {
	const char *area;
	int max_syn_backlog; /* 0: the namespace's default */
	size_t nlabels;      /* the first this many of synq_labels */
} synq_runs[] = {{"synq", 0, 5}, {"synq-max8", 8, 7}, {"synq-max128", 128, 7},
		 {"synq-max4096", 4096, 7}};
/* combined.K.L: does the backlog limit completed plus half-open
 * connections (the BSD model) or each queue separately (A6: the two
 * limits may differ; implementation-defined). */
static const char *const combined_labels[] = {"1", "5", "16"};

#define NELEM(a) (sizeof (a) / sizeof (a)[0])
#define MAX_CASES 1024

static struct lc_case all[MAX_CASES];
static size_t nall;
static char pool[MAX_CASES * 2][64];
static size_t npool;

static const char *pooled(const char *fmt, const char *a, const char *b, const char *c)
{
	char *s = pool[npool++];
	/* fmt uses as many of a, b, c as it needs (unused ones are ignored). */
	/* cppcheck-suppress wrongPrintfScanfArgNum */
	snprintf(s, sizeof pool[0], fmt, a, b, c);
	return s;
}

static void add_generated(const struct lc_kind *k, const char *label, const char *assertion,
			  const char *posix, const struct observer *ob, const char *area)
{
	struct lc_case *c = &all[nall++];
	memset(c, 0, sizeof *c);
	c->id = pooled("%s.%s.%s", area, k->name, label);
	c->assertion = assertion;
	c->posix = posix ? pooled(posix, k->name, "", "") : NULL;
	c->situation = sit_bound;
	c->observer = ob;
	c->family = k->family;
	c->type = k->type;
	c->protocol = k->protocol;
	c->needs = k->needs;
	c->backlog = label;
	c->kind = k->name;
}

/* The observer of a depth or relisten row: a kind without an accept
 * queue gets one that shows what accept() does there instead. */
static const struct observer *depth_observer(const struct lc_kind *k,
					     const struct observer *ob)
{
	if (!(k->flags & KIND_NO_ACCEPT_QUEUE))
		return ob;
	return ob->numeric ? &observe_one_to_many : &observe_one_to_many_word;
}

/* A generated row of the errors area for kind k. */
static struct lc_case *add_errno_row(const struct lc_kind *k, const char *fmt,
				     const char *assertion, const char *posix,
				     situation_fn sit, const struct observer *ob, int variant)
{
	struct lc_case *c = &all[nall++];
	memset(c, 0, sizeof *c);
	c->id = pooled(fmt, k->name, "", "");
	c->assertion = assertion;
	c->posix = posix;
	c->situation = sit;
	c->observer = ob;
	c->family = k->family;
	c->type = k->type;
	c->protocol = k->protocol;
	c->variant = variant;
	c->needs = k->needs;
	c->kind = k->name;
	return c;
}

/* The error and SO_ACCEPTCONN cases of the kinds added after the first
 * four (whose rows are in fixed[]). */
static void add_kind_errno_rows(const struct lc_kind *k)
{
	struct lc_case *c;

	/* E3: the client end of a loopback connection of this kind. */
	add_errno_row(k, "errno.connected-%s", "E3", "EINVAL", sit_connected, L, END_CLIENT);
	/* E3: the socket accept() returned for such a connection. */
	add_errno_row(k, "errno.accepted-%s", "E3", "EINVAL", sit_connected, L, END_ACCEPTED);
	/* E2: never bound.  Where listen() binds the wildcard address (an
	 * ephemeral port, as TCP), only in a private network namespace. */
	c = add_errno_row(k, "errno.unbound-%s", "E2", "ok|EDESTADDRREQ", sit_fresh_socket,
			  &observe_listen_port, 0);
	if (k->flags & KIND_AUTOBIND)
		c->needs |= NEED_NETNS;
	/* A1: SO_ACCEPTCONN 0 before listen(), 1 after. */
	add_errno_row(k, "accepting.%s", "A1", "ok", sit_bound, &observe_acceptconn, 0);
	if (k->flags & KIND_MPTCP)
		/* A1: a connection accepted from an MPTCP listener is MPTCP at
		 * both ends, not a fallback to plain TCP. */
		add_errno_row(k, "accepting.%s.no-fallback", "A1", NULL, sit_bound,
			      &observe_no_fallback, 0);
	if (k->flags & KIND_NO_ACCEPT_QUEUE) {
		/* A1: what accept() does on a listening one-to-many socket with
		 * an association up (POSIX accept(): EOPNOTSUPP where the
		 * socket type does not support it). */
		add_errno_row(k, "accepting.%s.accept", "A1", NULL, sit_bound,
			      &observe_accept_call, 0);
		/* A3/A4: associations a one-to-many listener with backlog 1
		 * takes from 8 clients: the backlog's meaning here. */
		add_errno_row(k, "accepting.%s.associations", "A3", NULL, sit_bound,
			      &observe_associations, 0);
	}
}

/* ---- generated rows: the listener's life (lifecycle.c), lifecycle.* ----
 *
 * One row per experiment; .only names the one kind it is for, NULL means
 * every kind of kinds[] (so a kind added there takes part at once).  The
 * POSIX texts cited are those of POSIX.1-2017 (shutdown(), connect(),
 * bind(), getsockopt() and XSH 2.10.16); the assertion is the nearest one
 * of listen()'s. */
struct life_row {
	const char *name;
	const char *assertion;
	const char *posix;
	const struct observer *ob;
	situation_fn situation; /* NULL: sit_bound */
	int variant;
	unsigned needs;         /* beyond the kind's own */
	const char *only;       /* the one kind it is for, or NULL */
	unsigned unless;        /* kinds[] flags that leave the row out */
};

/* .unless KIND_NO_ACCEPT_QUEUE leaves a row out for SCTP one-to-many
 * sockets: their associations are never queued for accept() (Linux
 * net/sctp/socket.c sctp_accept refuses a UDP-style socket with
 * EOPNOTSUPP), so a row that queues a connection and then accepts it,
 * closes or shuts down the listener over it (shutdown-*, close-pending,
 * acceptconn-accepted) has nothing to observe; and such a socket stays
 * one-to-many after connect(), which adds an association rather than
 * making it a connected socket, so listen-connected-twice's premise (E3,
 * a connected socket) does not exist for it. */
static const struct life_row life[] = {
	/* A1: what shutdown() does to a listener.  POSIX's shutdown() says
	 * ENOTCONN shall be returned for a socket that is not connected, but
	 * says nothing of the listener afterwards (accept, a new connect,
	 * SO_ACCEPTCONN, listen again), so the token as a whole is
	 * implementation-defined (the first field is judged in the README). */
	{"shutdown-rd", "A1", NULL, &observe_life_shutdown, NULL, LIFE_SHUT_RD, 0, NULL,
	 KIND_NO_ACCEPT_QUEUE},
	{"shutdown-wr", "A1", NULL, &observe_life_shutdown, NULL, LIFE_SHUT_WR, 0, NULL,
	 KIND_NO_ACCEPT_QUEUE},
	{"shutdown-rdwr", "A1", NULL, &observe_life_shutdown, NULL, LIFE_SHUT_RDWR, 0, NULL,
	 KIND_NO_ACCEPT_QUEUE},
	/* A2: close() of a listener with a connection waiting in its queue
	 * (and, for TCP, one held in its handshake by the full queue): what
	 * each client sees.  POSIX's close() does not say. */
	{"close-pending", "A2", NULL, &observe_life_close_pending, NULL, 0, 0, NULL,
	 KIND_NO_ACCEPT_QUEUE},
	/* A1: bind() on a listening socket, to a fresh loopback address.
	 * POSIX's bind(): EINVAL when the socket is already bound and the
	 * protocol cannot rebind; a protocol that can may succeed. */
	{"bind-after-listen", "A1", "ok|EINVAL", &observe_life_bind, NULL, 0, 0, NULL, 0},
	/* A1: connect() on a listening socket.  POSIX's connect() shall fail
	 * EOPNOTSUPP: "the socket is listening and cannot be connected". */
	{"connect-after-listen", "A1", "EOPNOTSUPP", &observe_life_connect, NULL, 0, 0, NULL, 0},
	/* A1: SO_ACCEPTCONN reports whether listening is enabled (XSH
	 * 2.10.16): an accepted socket is not listening. */
	{"acceptconn-accepted", "A1", "unset", &observe_life_acceptconn_accepted, NULL, 0, 0,
	 NULL, KIND_NO_ACCEPT_QUEUE},
	/* A1: setsockopt(SO_ACCEPTCONN) on a bound socket.  POSIX lists the
	 * option for getsockopt() only and does not say what setting it does
	 * (ENOPROTOOPT and EINVAL are both setsockopt() errors). */
	{"acceptconn-set", "A1", NULL, &observe_life_acceptconn_set, NULL, 0, 0, NULL, 0},
	/* E3: listen() twice on a connected socket (the client bound first):
	 * both shall fail EINVAL.  One port let the first succeed and failed
	 * a later listen() with EADDRINUSE (phoenix-rtos-project issue 1649). */
	{"listen-connected-twice", "E3", "EINVAL,EINVAL", &observe_life_connected_twice, NULL, 0,
	 0, NULL, KIND_NO_ACCEPT_QUEUE},
	/* E3: listen() on a TCP socket (bound to 127.0.0.1, port 0) whose
	 * connect() was refused, and whether its port moved.  POSIX's
	 * connect(): after a failed connect the socket's state is
	 * unspecified. */
	{"listen-after-refused-connect", "E3", NULL, &observe_life_after_refused, NULL, 0, 0,
	 "tcp4", 0},
	/* A7: the limit a listener got at listen(8) when somaxconn is
	 * lowered to 2 afterwards (its own namespace): kept or re-clamped? */
	{"somaxconn-lowered", "A7", NULL, &observe_life_somaxconn_lowered, NULL, 0, NEED_NETNS,
	 "tcp4", 0},
	/* A2: one IPv6 listener on [::] with IPV6_V6ONLY off (wildcard: only
	 * in its own namespace): do IPv4-mapped and IPv6 clients share one
	 * queue?  POSIX leaves IPv4-mapped addresses to the implementation. */
	{"dual-stack", "A2", NULL, &observe_life_dual_stack, sit_dual_stack, 0, NEED_NETNS,
	 "tcp6", 0},
	/* A2: a listener on an abstract AF_UNIX name (Linux; elsewhere a
	 * skip), in its own namespace: depth and a second bind as for a path
	 * name.  Not POSIX. */
	{"abstract", "A2", NULL, &observe_life_abstract, sit_abstract, 0, NEED_NETNS,
	 "unix-stream", 0},
	/* A2: two SO_REUSEPORT listeners on one loopback port (not POSIX):
	 * the second listen(), and each member's own queue. */
	{"reuseport", "A2", NULL, &observe_life_reuseport, NULL, 0, 0, "tcp4", 0},
};

static void add_lifecycle(void)
{
	size_t i, k;
	for (k = 0; k < NELEM(kinds); k++)
		for (i = 0; i < NELEM(life); i++) {
			struct lc_case *c;
			if (life[i].only != NULL && strcmp(life[i].only, kinds[k].name) != 0)
				continue;
			if (kinds[k].flags & life[i].unless)
				continue;
			add_generated(&kinds[k], life[i].name, life[i].assertion, life[i].posix,
				      life[i].ob, "lifecycle");
			c = &all[nall - 1];
			c->backlog = NULL;
			c->variant = life[i].variant;
			c->needs |= life[i].needs;
			if (life[i].situation != NULL)
				c->situation = life[i].situation;
		}
}

/* ---- overflow.*: what a client gets from a full queue (lib/cases/overflow.c) ----
 *
 * A2 says the backlog limits the outstanding connections, and the
 * informative text allows a full queue either to refuse a request
 * (ECONNREFUSED) or to ignore it so that the protocol retries.  POSIX
 * leaves the choice to the implementation: every .posix is NULL. */
static void build_overflow(void)
{
	size_t k;
	for (k = 0; k < NELEM(kinds); k++) {
		const struct lc_kind *kd = &kinds[k];
		if (!(kd->flags & KIND_NO_ACCEPT_QUEUE)) {
			/* A non-blocking connect() of one more client, then poll. */
			add_generated(kd, "nonblocking", "A2", NULL, &observe_overflow, "overflow");
			all[nall - 1].variant = OVERFLOW_NONBLOCKING;
			/* A blocking connect() bounded by SO_SNDTIMEO. */
			add_generated(kd, "blocking", "A2", NULL, &observe_overflow, "overflow");
			all[nall - 1].variant = OVERFLOW_BLOCKING;
			/* After one accept(): does the refused client get in by
			 * itself, or must it connect again? */
			add_generated(kd, "retry", "A2", NULL, &observe_overflow_retry, "overflow");
		}
		if (kd->flags & KIND_TCP_ABORT) {
			/* A final ACK on a full accept queue, in a private
			 * namespace with tcp_abort_on_overflow 0, then 1. */
			add_generated(kd, "abort-on-overflow-0", "A2", NULL,
				      &observe_abort_on_overflow, "overflow");
			all[nall - 1].variant = ABORT_ON_OVERFLOW_0;
			all[nall - 1].needs |= NEED_NETNS;
			add_generated(kd, "abort-on-overflow-1", "A2", NULL,
				      &observe_abort_on_overflow, "overflow");
			all[nall - 1].variant = ABORT_ON_OVERFLOW_1;
			all[nall - 1].needs |= NEED_NETNS;
		}
	}
}

static void add_queues(void)
{
	size_t i, k, r, first = nall;
	char v[8];
	for (r = 0; r < NELEM(synq_runs); r++)
		for (k = 0; k < 2; k++) /* tcp4, tcp6 */
			for (i = 0; i < synq_runs[r].nlabels; i++) {
				add_generated(&kinds[k], synq_labels[i], "A6", NULL, &observe_synq,
					      synq_runs[r].area);
				all[nall - 1].variant = synq_runs[r].max_syn_backlog;
			}
	/* syncookies.K.S: tcp_syncookies S (1: cookies once the SYN queue is
	 * full; 2: always) with backlog 5; token HELD,answered|dropped|mixed.
	 * A6 again: how a full incomplete queue behaves is not POSIX's. */
	for (k = 0; k < 2; k++)
		for (i = 1; i <= 2; i++) {
			snprintf(v, sizeof v, "%d", (int)i);
			add_generated(&kinds[k], "5", "A6", NULL, &observe_syncookies, "syncookies");
			all[nall - 1].id = pooled("syncookies.%s.%s", kinds[k].name, v, "");
			all[nall - 1].variant = (int)i;
		}
	for (k = 0; k < 2; k++)
		for (i = 0; i < NELEM(combined_labels); i++)
			add_generated(&kinds[k], combined_labels[i], "A6", NULL, &observe_combined,
				      "combined");
	for (i = first; i < nall; i++) {
		all[i].situation = sit_halfopen;
		all[i].needs |= NEED_NETNS;
	}
}

static void build(void)
{
	size_t i, k;

	memcpy(all, fixed, sizeof fixed);
	nall = NELEM(fixed);
	for (k = 0; k < NELEM(kinds); k++)
		if (kinds[k].flags & KIND_ERRNO_ROWS)
			add_kind_errno_rows(&kinds[k]);
	for (k = 0; k < NELEM(kinds); k++) {
		for (i = 0; i < NELEM(labels); i++)
			add_generated(&kinds[k], labels[i].label, labels[i].assertion,
				      labels[i].posix, depth_observer(&kinds[k], &observe_depth),
				      "depth");
		if (k == 0)
			for (i = 0; i < NELEM(sweep); i++)
				add_generated(&kinds[k], sweep[i], "A4", "monotonic", &observe_depth,
					      "depth");
	}
	/* A3: the implementation may silently reduce the backlog; the limit
	 * the kernel reports is recorded beside the measured depth. */
	for (k = 0; k < NELEM(kinds); k++)
		if (kinds[k].has_limit)
			for (i = 0; i < NELEM(labels); i++)
				add_generated(&kinds[k], labels[i].label, "A3", NULL, &observe_limit,
					      "limit");
	/* A2: listen() on a listening socket; POSIX does not say what the new
	 * backlog does.  grow: listen(1) then listen(8), the depth after;
	 * shrink: listen(5) then listen(1); shrink-pending: listen(5), four
	 * connections queued, listen(1) (token: listen's result, how many of
	 * the four accept() still returns, whether a new connection got in). */
	for (k = 0; k < NELEM(kinds); k++) {
		add_generated(&kinds[k], "grow", "A2", NULL,
			      depth_observer(&kinds[k], &observe_relisten), "relisten");
		all[nall - 1].variant = RELISTEN_GROW;
		add_generated(&kinds[k], "shrink", "A2", NULL,
			      depth_observer(&kinds[k], &observe_relisten), "relisten");
		all[nall - 1].variant = RELISTEN_SHRINK;
		add_generated(&kinds[k], "shrink-pending", "A2", NULL,
			      depth_observer(&kinds[k], &observe_shrink_pending), "relisten");
	}
	add_lifecycle();
	build_overflow();
	add_queues();
}

const struct lc_kind *catalogue_kinds(size_t *n)
{
	*n = NELEM(kinds);
	return kinds;
}

const struct lc_kind *catalogue_kind_of(const struct lc_case *c)
{
	size_t k;
	for (k = 0; c->kind != NULL && k < NELEM(kinds); k++)
		if (strcmp(kinds[k].name, c->kind) == 0)
			return &kinds[k];
	return NULL;
}

const struct lc_case *catalogue_all(size_t *n)
{
	if (nall == 0)
		build();
	*n = nall;
	return all;
}

const char *catalogue_area(const struct lc_case *c)
{
	/* The areas of make check's test programs (tests/check_<area>.c). */
	static const struct {
		const char *prefix, *area;
	} areas[] = {
		{"errno.", "errors"}, {"accepting.", "errors"},
		{"depth.", "depth"}, {"limit.", "depth"}, {"relisten.", "depth"},
		{"lifecycle.", "lifecycle"}, {"overflow.", "overflow"},
		{"synq.", "queues"}, {"synq-max8.", "queues"}, {"synq-max128.", "queues"},
		{"synq-max4096.", "queues"},
		{"syncookies.", "queues"}, {"combined.", "queues"},
	};
	size_t i;
	for (i = 0; i < sizeof areas / sizeof areas[0]; i++)
		if (strncmp(c->id, areas[i].prefix, strlen(areas[i].prefix)) == 0)
			return areas[i].area;
	return "other";
}

int catalogue_id_width(void)
{
	size_t i, n, w = 0;
	const struct lc_case *c = catalogue_all(&n);
	for (i = 0; i < n; i++)
		if (strlen(c[i].id) > w)
			w = strlen(c[i].id);
	return (int)w;
}

const struct lc_case *catalogue_find(const char *id)
{
	size_t i, n;
	const struct lc_case *c = catalogue_all(&n);
	for (i = 0; i < n; i++)
		if (strcmp(c[i].id, id) == 0)
			return &c[i];
	return NULL;
}

int catalogue_backlog(const struct lc_case *c, const struct platform *p, int *backlog,
		      struct obs *o)
{
	struct platform here;
	char err[200];
	long long v;

	if (p == NULL) {
		platform_probe(&here);
		p = &here;
	}
	if (expr_eval(c->backlog, platform_expr_lookup, (void *)p, &v, err, sizeof err) != 0) {
		obs_skip(o, "backlog %s cannot be computed here: %s", c->backlog, err);
		return -1;
	}
	if (v < INT_MIN || v > INT_MAX) {
		obs_skip(o, "backlog %s = %lld does not fit an int here", c->backlog, v);
		return -1;
	}
	*backlog = (int)v;
	return 0;
}

long catalogue_cost(const struct lc_case *c, long somaxconn)
{
	struct obs o;
	int b;
	unsigned long u;
	if (overflow_cost(c) > 0)
		return overflow_cost(c);
	if (c->observer != &observe_depth && c->observer != &observe_relisten)
		return 1;
	if (c->backlog == NULL || catalogue_backlog(c, NULL, &b, &o) != 0)
		return 1;
	u = (unsigned)b;
	if (somaxconn >= 0 && u > (unsigned long)somaxconn)
		u = (unsigned long)somaxconn;
	/* A TCP connection costs about three times an AF_UNIX one. */
	return (long)(u + 1) * (c->family == AF_UNIX ? 1 : 3) + 100;
}

long catalogue_wait_ms(const struct lc_case *c)
{
	long w = overflow_wait_ms(c), l = lifecycle_wait_ms(c);
	return w > l ? w : l;
}

const struct obs *obs_set_find(const struct obs_set *set, const char *id,
			       const struct lc_case **c)
{
	size_t i;
	for (i = 0; set != NULL && i < set->n; i++) {
		if (strcmp(set->base[i].id, id) == 0) {
			if (c != NULL)
				*c = &set->base[i];
			return &set->obs[i];
		}
	}
	return NULL;
}

static int is_integer(const char *t)
{
	if (*t == '-')
		t++;
	if (!isdigit((unsigned char)*t))
		return 0;
	while (isdigit((unsigned char)*t))
		t++;
	return *t == '\0';
}

/* STEP:ERRNO, where STEP is a lower-case word naming a setup step. */
static int is_step_errno(const char *t)
{
	const char *colon = strchr(t, ':');
	const char *p;
	if (colon == NULL || colon == t || !islower((unsigned char)t[0]))
		return 0;
	for (p = t; p < colon; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-')
			return 0;
	return errno_name_known(colon + 1);
}

int catalogue_token_valid(const struct lc_case *c, const char *token)
{
	const char *const *w;
	if (c->observer->valid != NULL && c->observer->valid(token))
		return 1;
	if (is_step_errno(token))
		return 1;
	/* listen() returned neither 0 nor -1 (A11): any case can see it. */
	if (strcmp(token, "bad-return") == 0)
		return 1;
	if (c->observer->numeric) {
		if (is_integer(token))
			return 1;
	} else if (strcmp(token, "ok") == 0 || errno_name_known(token)) {
		return 1;
	}
	for (w = c->observer->words; w != NULL && *w != NULL; w++)
		if (strcmp(token, *w) == 0)
			return 1;
	return 0;
}
