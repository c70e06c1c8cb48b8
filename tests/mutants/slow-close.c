/* slow-close: a correct port whose close() of a socket is slow: 20 ms for
 * a listening socket, 50 us for any other socket.
 * mutant-kind: slow
 * mutant-imitates: close() 20 ms for a listener, 50 us for other sockets
 * mutant-explains: -
 * mutant-short: check_errors check_depth_ns16 */
#include "shim.h"

int close(int fd)
{
	NEXT(close_fn, close);
	int t = sockopt_int(fd, SO_TYPE);
	if (t >= 0)
		sleep_us(is_listening(fd) ? 20000 : 50);
	return next_close(fd);
}
