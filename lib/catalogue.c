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

#include <ctype.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#define L &observe_listen

const struct lc_case catalogue[] = {
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

const size_t catalogue_size = sizeof catalogue / sizeof catalogue[0];

const struct lc_case *catalogue_find(const char *id)
{
	size_t i;
	for (i = 0; i < catalogue_size; i++)
		if (strcmp(catalogue[i].id, id) == 0)
			return &catalogue[i];
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
	if (is_step_errno(token))
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
