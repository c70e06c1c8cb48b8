/* shrink-below-queued-refused: lowering the backlog below the number of
 * connections already waiting fails with EINVAL (what gVisor does; a bug
 * only on a platform whose expectation says otherwise, here Linux).
 * mutant-kind: bug
 * mutant-imitates: re-listen below the queued count refused (EINVAL), as gVisor
 * mutant-explains: ^relisten\.[a-z0-9-]+\.shrink-pending$
 * mutant-says: observed EINVAL,4,admitted
 * mutant-short: check_depth_ns16 */
#include "shim.h"

/* Connections waiting on a listener: each is accepted to count it, so the
 * shim keeps them and hands them out again from its own accept(). */
#define MAXQ 64
static int held[MAXQ], nheld = -1, heldfd = -1;

int accept(int fd, struct sockaddr *a, socklen_t *len)
{
	NEXT(accept_fn, accept);
	if (fd == heldfd && nheld > 0) {
		int c = held[0];
		memmove(held, held + 1, (size_t)(nheld - 1) * sizeof *held);
		nheld--;
		if (a != NULL && len != NULL)
			getpeername(c, a, len);
		return c;
	}
	return next_accept(fd, a, len);
}

/* The listener goes: so do the connections the shim held for it. */
int close(int fd)
{
	NEXT(close_fn, close);
	if (fd == heldfd) {
		while (nheld > 0)
			next_close(held[--nheld]);
		heldfd = -1;
	}
	return next_close(fd);
}

int listen(int fd, int backlog)
{
	if (is_listening(fd)) {
		int e = errno, flags = fcntl(fd, F_GETFL), n = 0;
		NEXT(accept_fn, accept);
		/* Count what waits by taking it out; keep it for accept(). */
		if (flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0) {
			int c;
			heldfd = fd;
			nheld = 0;
			while (nheld < MAXQ && (c = next_accept(fd, NULL, NULL)) >= 0)
				held[nheld++] = c;
			n = nheld;
			fcntl(fd, F_SETFL, flags);
		}
		errno = e;
		if (n > (backlog < 0 ? 0 : backlog)) {
			errno = EINVAL;
			return -1;
		}
	}
	return real_listen(fd, backlog);
}
