/* oracles.h: the kernel's own view of a listener's backlog, from every
 * source this system offers, cross-checked (oracles.c). */
#ifndef LC_ORACLES_H
#define LC_ORACLES_H

#include <stddef.h>

#include "catalogue.h"

/* The backlog the kernel says listener fd has (after clamping), for the
 * socket kind of case c.  The sources: TCP_INFO (Linux, TCP and MPTCP) or
 * SO_LISTENQLIMIT (FreeBSD, any socket), and sock_diag (Linux: inet_diag
 * for TCP, MPTCP's subflow and SCTP; unix_diag for AF_UNIX).  Where two
 * answer they must agree.  Returns 0 with *limit and which sources agreed
 * in how; -1 when none can answer here (why says each one's reason: a
 * skip); -2 when they disagree (why says both: the suite reports an
 * error). */
int listen_limit(const struct lc_case *c, int fd, long *limit, char *how, size_t howlen,
		 char *why, size_t len);

#endif
