/* slow-accept: a correct port whose accept() is slow: 20 ms before the
 * first accept() on each listener, 100 us before every later one (a fixed
 * 20 ms each would make a 65536-connection drain last 22 minutes).
 * mutant-kind: slow
 * mutant-imitates: accept() 20 ms on a listener's first call, 100 us after
 * mutant-explains: -
 * mutant-short: check_errors check_depth_ns16 */
#include "shim.h"

#define SEEN 1024
static int seen[SEEN];

static void delay(int fd)
{
	if (fd >= 0 && fd < SEEN && !seen[fd]) {
		seen[fd] = 1;
		sleep_us(20000);
	} else {
		sleep_us(100);
	}
}

int accept(int fd, struct sockaddr *a, socklen_t *len)
{
	NEXT(accept_fn, accept);
	delay(fd);
	return next_accept(fd, a, len);
}

int accept4(int fd, struct sockaddr *a, socklen_t *len, int flags)
{
	NEXT(accept4_fn, accept4);
	delay(fd);
	return next_accept4(fd, a, len, flags);
}

/* A descriptor number is reused: a new listener on it is slow again. */
int close(int fd)
{
	NEXT(close_fn, close);
	if (fd >= 0 && fd < SEEN)
		seen[fd] = 0;
	return next_close(fd);
}
