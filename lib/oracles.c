/* oracles.c: the kernel's view of a listener's backlog (see oracles.h). */
#define _POSIX_C_SOURCE 200809L
#include "oracles.h"
#include "net.h"
#include "sysdep.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int listen_limit(const struct lc_case *c, int fd, long *limit, char *how, size_t howlen,
		 char *why, size_t len)
{
	char why_opt[200], why_diag[200];
	long opt = -1, qlen = 0, diag = -1;
	int have_opt, have_diag;
	const char *lacks = net_lacks(NET_KERNEL_COUNTS);

	/* A stack in a library has sockets the kernel does not know: neither
	 * its socket options nor sock_diag describe them. */
	if (lacks != NULL) {
		snprintf(why, len, "no kernel view of this stack's listeners: %s", lacks);
		return -1;
	}
	have_opt = sysdep_listen_limit(fd, &opt, why_opt, sizeof why_opt) == 0;
	have_diag = sysdep_diag_listener(fd, c->family, c->protocol, &qlen, &diag, why_diag,
					 sizeof why_diag) == 0;
	if (have_opt && have_diag && opt != diag) {
		snprintf(why, len, "the kernel's two views disagree: the socket option says %ld, "
			 "sock_diag says %ld", opt, diag);
		return -2;
	}
	if (have_opt && have_diag) {
		*limit = opt;
		snprintf(how, howlen, "the socket option and sock_diag agree");
	} else if (have_opt) {
		*limit = opt;
		snprintf(how, howlen, "from the socket option (sock_diag: %s)", why_diag);
	} else if (have_diag) {
		*limit = diag;
		snprintf(how, howlen, "from sock_diag (socket option: %s)", why_opt);
	} else {
		snprintf(why, len, "%s; %s", why_opt, why_diag);
		return -1;
	}
	return 0;
}
