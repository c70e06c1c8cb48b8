/* slow-handshake: a correct port whose client learns late that its TCP
 * handshake finished (a stack that completes connections asynchronously):
 * the first connect() to each listener (address and port, per process) is
 * reported complete 30 ms after it really is: poll() withholds POLLOUT
 * for that socket until then, and a blocking connect() returns 30 ms
 * late.  The server side sees the connection at once.
 * mutant-kind: slow
 * mutant-imitates: the first TCP connect to each listener completes 30 ms late
 * mutant-explains: -
 * mutant-short: check_errors check_depth_ns16 */
#include "shim.h"
#include <netinet/in.h>

#define DELAY_US 30000L
#define MAXDEST 256
#define MAXLATE 64

static struct sockaddr_storage dest[MAXDEST];
static int ndest;
static struct {
	int fd;
	long due;
} late[MAXLATE];
static int nlate;

static int same(const struct sockaddr_storage *a, const struct sockaddr *b)
{
	if (a->ss_family != b->sa_family)
		return 0;
	if (b->sa_family == AF_INET) {
		const struct sockaddr_in *x = (const void *)a, *y = (const void *)b;
		return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	{
		const struct sockaddr_in6 *x = (const void *)a, *y = (const void *)b;
		return x->sin6_port == y->sin6_port &&
		       memcmp(&x->sin6_addr, &y->sin6_addr, sizeof x->sin6_addr) == 0;
	}
}

/* Is this the first connect to a? (Remembers it.) */
static int first_to(const struct sockaddr *a)
{
	int i;
	for (i = 0; i < ndest; i++)
		if (same(&dest[i], a))
			return 0;
	if (ndest < MAXDEST) {
		memset(&dest[ndest], 0, sizeof dest[ndest]);
		memcpy(&dest[ndest], a, a->sa_family == AF_INET ? sizeof(struct sockaddr_in)
								 : sizeof(struct sockaddr_in6));
		ndest++;
	}
	return 1;
}

static void forget(int fd)
{
	int i;
	for (i = 0; i < nlate; i++)
		if (late[i].fd == fd)
			late[i--] = late[--nlate];
}

int connect(int fd, const struct sockaddr *a, socklen_t len)
{
	NEXT(connect_fn, connect);
	int r = next_connect(fd, a, len), e = errno;
	if (a != NULL && (a->sa_family == AF_INET || a->sa_family == AF_INET6) &&
	    sockopt_int(fd, SO_TYPE) == SOCK_STREAM && (r == 0 || e == EINPROGRESS) &&
	    first_to(a)) {
		if (r == 0) {
			sleep_us(DELAY_US);
		} else if (nlate < MAXLATE) {
			forget(fd);
			late[nlate].fd = fd;
			late[nlate].due = now_us() + DELAY_US;
			nlate++;
		}
	}
	errno = e;
	return r;
}

/* Is fd's completion still withheld at time t? */
static long withheld(int fd, long t)
{
	int i;
	for (i = 0; i < nlate; i++)
		if (late[i].fd == fd && late[i].due > t)
			return late[i].due;
	return 0;
}

int poll(struct pollfd *p, nfds_t n, int timeout)
{
	NEXT(poll_fn, poll);
	long start = now_us();
	nfds_t i;

	if (nlate == 0)
		return next_poll(p, n, timeout);
	for (;;) {
		long t = now_us(), next = 0, wait;
		short saved[64];
		int r, masked = n <= 64;
		for (i = 0; masked && i < n; i++) {
			long due = withheld(p[i].fd, t);
			saved[i] = p[i].events;
			if (due != 0) {
				p[i].events &= (short)~POLLOUT;
				if (next == 0 || due < next)
					next = due;
			}
		}
		if (!masked || next == 0)
			return next_poll(p, n, timeout >= 0 ? (int)(timeout - (t - start) / 1000 > 0
					? timeout - (t - start) / 1000 : 0) : timeout);
		wait = (next - t + 999) / 1000;
		if (timeout >= 0 && timeout - (t - start) / 1000 < wait)
			wait = timeout - (t - start) / 1000;
		if (wait < 0)
			wait = 0;
		r = next_poll(p, n, (int)wait);
		for (i = 0; i < n; i++)
			p[i].events = saved[i];
		if (r != 0)
			return r;
		if (timeout >= 0 && now_us() - start >= (long)timeout * 1000)
			return 0;
	}
}

int close(int fd)
{
	NEXT(close_fn, close);
	forget(fd);
	return next_close(fd);
}
